// `node pglite-initdb.js <folder> [migrations folder]`: creates a PGlite data folder,
// applies the migrations to it, prints the names it applied as JSON, then exits.
// Run as its own process because initdb and DDL grow PGlite's WebAssembly memory
// (initdb to about 800 MB), which a WebAssembly instance never gives back; the exit
// does. A migration that fails here is left for the server to apply, and report, again.
import { PGlite } from "@electric-sql/pglite";
import { migrate } from "./migrate.js";
import { pgliteConnection } from "./pglite-connection.js";

const [folder, migrationsDir] = process.argv.slice(2);
if (!folder) throw new Error("usage: pglite-initdb <folder> [migrations folder]");
const db = await PGlite.create(folder);
let applied: string[] = [];
if (migrationsDir) {
  try {
    applied = (await migrate(pgliteConnection(db), { dir: migrationsDir, usesAdvisoryLock: false })).applied;
  } catch (error) {
    console.error(`migrations left for the server: ${error instanceof Error ? error.message : String(error)}`);
  }
}
await db.close();
process.stdout.write(JSON.stringify({ applied }));
