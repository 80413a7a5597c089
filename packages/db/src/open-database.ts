import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.js";
import { describeTarget, type DatabaseTarget } from "./database-target.js";
import { DEFAULT_MIGRATIONS_DIR, migrate, type MigrationReport } from "./migrate.js";
import { startAutoAnalyze } from "./pglite-autoanalyze.js";
import { createPGliteFolder, PGliteThread } from "./pglite-bridge.js";
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
export async function openDatabase(
  target: DatabaseTarget,
  options: { log?: (line: string) => void; migrationsDir?: string; /** How often PGlite's changed tables are analyzed (a minute). */ analyzeEveryMs?: number } = {},
): Promise<Database> {
  const log = options.log ?? (() => {});
  log(`database: ${describeTarget(target)}`);
  // A new PGlite folder is migrated by the process that creates it, which then exits.
  const appliedAtCreation = target.kind === "pglite" ? await createPGliteFolder(target.dataDir, log, options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR) : [];
  let driver = await openDriver(target, log);
  let migrations: MigrationReport;
  try {
    const report = await migrate(driver.sql, { dir: options.migrationsDir, usesAdvisoryLock: driver.usesAdvisoryLock });
    migrations = { ...report, applied: [...appliedAtCreation, ...report.applied], alreadyApplied: report.alreadyApplied.filter((name) => !appliedAtCreation.includes(name)) };
  } catch (error) {
    await driver.close();
    throw error;
  }
  // DDL grows PGlite's WebAssembly memory, which is never given back: after migrating
  // here, a fresh thread on the same folder starts small again (about 40 MB less when idle).
  if (target.kind === "pglite" && migrations.applied.length > appliedAtCreation.length) {
    await driver.close();
    driver = await openDriver(target, log);
  }
  const prisma = new PrismaClient({ adapter: driver.adapter });
  const opened = driver;
  const analyzer = target.kind === "pglite" ? startAutoAnalyze(opened.sql, log, options.analyzeEveryMs) : null;
  return {
    prisma,
    target,
    sql: opened.sql,
    migrations,
    close: async () => {
      analyzer?.stop();
      await prisma.$disconnect();
      await opened.close();
    },
  };
}
