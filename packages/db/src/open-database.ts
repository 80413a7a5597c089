import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/prisma/client.js";
import { describeTarget, type DatabaseTarget } from "./database-target.js";
import { migrate, type MigrationReport } from "./migrate.js";
import { pgliteConnection, pgPoolConnection, type SqlConnection } from "./sql-connection.js";

export interface Database {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /** Raw SQL on the same database, for checks that Prisma cannot express. */
  sql: SqlConnection;
  migrations: MigrationReport;
  close(): Promise<void>;
}

/**
 * Opens the database named by `target`, applies pending migrations, and returns a
 * Prisma client on it. One process per PGlite folder: collab-server is the owner.
 */
export async function openDatabase(target: DatabaseTarget, options: { log?: (line: string) => void; migrationsDir?: string } = {}): Promise<Database> {
  const log = options.log ?? (() => {});
  log(`database: ${describeTarget(target)}`);
  if (target.kind === "pglite") {
    await mkdir(target.dataDir, { recursive: true });
    const pglite = await PGlite.create(target.dataDir);
    const sql = pgliteConnection(pglite);
    try {
      const migrations = await migrate(sql, { dir: options.migrationsDir, usesAdvisoryLock: false });
      const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
      return {
        prisma,
        target,
        sql,
        migrations,
        close: async () => {
          await prisma.$disconnect();
          await pglite.close();
        },
      };
    } catch (error) {
      await pglite.close();
      throw error;
    }
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  // An idle client losing its server must not crash the process; queries report it.
  pool.on("error", (error) => log(`database: idle Postgres connection error: ${error.message}`));
  const sql = pgPoolConnection(pool);
  try {
    const migrations = await migrate(sql, { dir: options.migrationsDir, usesAdvisoryLock: true });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      prisma,
      target,
      sql,
      migrations,
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
