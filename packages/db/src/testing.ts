// Test support shared by the packages' and apps' test suites: database targets on
// throwaway storage, for PGlite always and for Postgres when TEST_DATABASE_URL is set.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { DatabaseTarget } from "./database-target.js";

export interface ScratchTarget {
  target: DatabaseTarget;
  /** Drops the scratch database or removes the folder. */
  dispose(): Promise<void>;
}

export type ScratchKind = "pglite" | "postgres";

/** The kinds every database test runs on: PGlite, plus Postgres when configured. */
export function scratchKinds(env: NodeJS.ProcessEnv = process.env): ScratchKind[] {
  return env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export async function createScratchTarget(kind: ScratchKind, env: NodeJS.ProcessEnv = process.env): Promise<ScratchTarget> {
  if (kind === "pglite") {
    const dir = await mkdtemp(join(tmpdir(), "umbra-pglite-"));
    return { target: { kind: "pglite", dataDir: join(dir, "pglite") }, dispose: () => rm(dir, { recursive: true, force: true }) };
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
