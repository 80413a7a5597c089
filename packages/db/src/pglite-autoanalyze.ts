import type { SqlConnection } from "./sql-connection.js";

/** Postgres' own autovacuum defaults: a table's statistics are renewed once 50 rows and a tenth of it have changed. */
const THRESHOLD_ROWS = 50;
const THRESHOLD_SHARE = 0.1;
const EVERY_MS = 60_000;

export interface AutoAnalyze {
  /** Analyzes every table changed enough since its last analysis; the names analyzed. */
  runOnce(): Promise<string[]>;
  stop(): void;
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * What Postgres' autovacuum does for statistics, for PGlite, which runs none: without
 * it a table's statistics stay as they were when it was created, and the planner
 * takes a 10,000-note room for 86 rows (it sorted the room's 50,000 comments on disk
 * to summarise them, 55 ms where 34 do). Checked every minute, off the request path.
 */
export function startAutoAnalyze(sql: SqlConnection, log: (line: string) => void, everyMs = EVERY_MS): AutoAnalyze {
  let running: Promise<string[]> | null = null;
  const runOnce = () =>
    (running ??= (async () => {
      try {
        const stale = await sql.query<{ name: string }>(
          `SELECT relname AS name FROM pg_stat_user_tables WHERE n_mod_since_analyze > $1::int + $2::float8 * n_live_tup ORDER BY relname`,
          [THRESHOLD_ROWS, THRESHOLD_SHARE],
        );
        for (const { name } of stale) await sql.exec(`ANALYZE ${quoted(name)}`);
        return stale.map((t) => t.name);
      } finally {
        running = null;
      }
    })());
  const timer = setInterval(() => {
    runOnce().catch((error: unknown) => log(`database: analyzing changed tables failed: ${error instanceof Error ? error.message : String(error)}`));
  }, everyMs);
  // Idle, the checks must not keep the process alive.
  timer.unref();
  return { runOnce, stop: () => clearInterval(timer) };
}
