// Test support shared by the packages' and apps' test suites: database targets on
// throwaway storage, for PGlite always and for Postgres when TEST_DATABASE_URL is set.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import pg from "pg";
import type { DatabaseTarget } from "./database-target.js";
import { createPGliteFolder } from "./pglite-bridge.js";

export interface ScratchTarget {
  target: DatabaseTarget;
  /** Drops the scratch database or removes the folder. */
  dispose(): Promise<void>;
}

export type ScratchKind = "pglite" | "postgres";

/** Where .ci/run finds Postgres: the server this machine runs on loopback. */
export const LOOPBACK_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres";

/** Whether a Postgres answers at `url`; the reason when it does not. */
export async function postgresAnswers(url: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    // After a failed connect there is nothing to end; the reason above is what matters.
    await client.end().catch(() => undefined);
  }
}

/** The kinds every database test runs on: PGlite, plus Postgres when configured. */
export function scratchKinds(env: NodeJS.ProcessEnv = process.env): ScratchKind[] {
  return env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

/**
 * A freshly initialised PGlite folder, made once per PGlite version and copied for
 * each scratch database: initdb costs seconds of CPU, a copy milliseconds. Test
 * processes racing to make it each make their own and keep the first renamed in.
 */
async function pgliteTemplate(): Promise<string> {
  // The package does not export its package.json: read it beside the entry point (…/pglite/dist/index.js).
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const { version } = JSON.parse(await readFile(join(dirname(dirname(entry)), "package.json"), "utf8")) as { version: string };
  const template = join(tmpdir(), `umbra-pglite-template-${version}`);
  if (existsSync(join(template, "PG_VERSION"))) return template;
  const mine = await mkdtemp(`${template}-`);
  await createPGliteFolder(join(mine, "pglite"), () => {});
  await rename(join(mine, "pglite"), template).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
  });
  await rm(mine, { recursive: true, force: true });
  return template;
}

/** A PGlite target whose folder does not exist yet: the first to open it creates the database, as on a first `npm start`. */
export async function emptyPGliteTarget(): Promise<ScratchTarget & { target: { kind: "pglite" } }> {
  const dir = await mkdtemp(join(tmpdir(), "umbra-pglite-"));
  return { target: { kind: "pglite", dataDir: join(dir, "pglite") }, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export async function createScratchTarget(kind: ScratchKind, env: NodeJS.ProcessEnv = process.env): Promise<ScratchTarget> {
  if (kind === "pglite") {
    const scratch = await emptyPGliteTarget();
    await cp(await pgliteTemplate(), scratch.target.dataDir, { recursive: true });
    return scratch;
  }
  const adminUrl = env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `umbra_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: "postgres", url: url.toString() },
    dispose: async () => {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/**
 * Holds a lock on a table of a scratch Postgres that stops every insert until released:
 * a test's way to catch a server between receiving work and committing it. A killed
 * server's sessions would go on waiting, and commit once the lock goes: `endSessionsOf`
 * ends them first, by the application_name in that server's DATABASE_URL.
 */
export async function blockInserts(url: string, table: string): Promise<{ endSessionsOf(applicationName: string): Promise<number>; release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("BEGIN");
  await client.query(`LOCK TABLE "${table.replaceAll('"', '""')}" IN SHARE ROW EXCLUSIVE MODE`);
  return {
    endSessionsOf: async (applicationName) => {
      const ended = await client.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()", [applicationName]);
      return ended.rowCount ?? 0;
    },
    release: async () => {
      await client.query("COMMIT");
      await client.end();
    },
  };
}
