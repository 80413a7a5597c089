// `node pglite-initdb.js <folder>`: creates a PGlite data folder, then exits.
// Run as its own process because initdb grows PGlite's WebAssembly memory to about
// 800 MB, which a WebAssembly instance never gives back; the exit does.
import { PGlite } from "@electric-sql/pglite";

const folder = process.argv[2];
if (!folder) throw new Error("usage: pglite-initdb <folder>");
await (await PGlite.create(folder)).close();
