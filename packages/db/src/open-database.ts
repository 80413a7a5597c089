import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.js";
import { describeTarget, type DatabaseTarget } from "./database-target.js";
import { migrate, type MigrationReport } from "./migrate.js";
import { PGliteThread } from "./pglite-bridge.js";
import { pgPoolConnection, type SqlConnection } from "./sql-connection.js";

export interface Database {
  prisma: PrismaClient;
  target: DatabaseTarget;
  /** Raw SQL on the same database, for checks that Prisma cannot express. */
  sql: SqlConnection;
  migrations: MigrationReport;
  close(): Promise<void>;
}

/** The driver side of a database: raw SQL, the Prisma adapter over it, and its closing. */
interface OpenDriver {
  sql: SqlConnection;
  adapter: SqlDriverAdapterFactory;
  usesAdvisoryLock: boolean;
  close(): Promise<void>;
}

async function openDriver(target: DatabaseTarget, log: (line: string) => void): Promise<OpenDriver> {
  if (target.kind === "pglite") {
    const thread = await PGliteThread.open(target.dataDir, log);
    return { sql: thread.sql, adapter: thread.adapter, usesAdvisoryLock: false, close: () => thread.close() };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10 });
  // An idle client losing its server must not crash the process; queries report it.
  pool.on("error", (error) => log(`database: idle Postgres connection error: ${error.message}`));
  return { sql: pgPoolConnection(pool), adapter: new PrismaPg(pool), usesAdvisoryLock: true, close: () => pool.end() };
}

/**
 * Opens the database named by `target`, applies pending migrations, and returns a
 * Prisma client on it. One process per PGlite folder: collab-server is the owner.
 */
export async function openDatabase(target: DatabaseTarget, options: { log?: (line: string) => void; migrationsDir?: string } = {}): Promise<Database> {
  const log = options.log ?? (() => {});
  log(`database: ${describeTarget(target)}`);
  const driver = await openDriver(target, log);
  try {
    const migrations = await migrate(driver.sql, { dir: options.migrationsDir, usesAdvisoryLock: driver.usesAdvisoryLock });
    const prisma = new PrismaClient({ adapter: driver.adapter });
    return {
      prisma,
      target,
      sql: driver.sql,
      migrations,
      close: async () => {
        await prisma.$disconnect();
        await driver.close();
      },
    };
  } catch (error) {
    await driver.close();
    throw error;
  }
}
