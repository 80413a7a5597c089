import { resolve } from "node:path";

/** Where Umbra keeps its records: embedded PGlite in a folder, or a Postgres server. */
export type DatabaseTarget = { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };

/**
 * DATABASE_URL selects Postgres. Without it, PGlite stores its files in
 * $UMBRA_DATA_DIR/pglite, UMBRA_DATA_DIR defaulting to .umbra in the working directory.
 */
export function resolveDatabaseTarget(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url) return { kind: "postgres", url };
  return { kind: "pglite", dataDir: resolve(cwd, env.UMBRA_DATA_DIR?.trim() || ".umbra", "pglite") };
}

/** For logs: the folder, or the URL without its password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.kind === "pglite") return `embedded PGlite in ${target.dataDir}`;
  try {
    const url = new URL(target.url);
    if (url.password) url.password = "****";
    return `Postgres at ${url.toString()}`;
  } catch {
    return "Postgres (DATABASE_URL is not a parseable URL)";
  }
}
