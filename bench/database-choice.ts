// Which databases the bench measures on: PGlite always, and Postgres found the way
// .ci/run finds it for the tests (TEST_DATABASE_URL, else a server on loopback).
import { LOOPBACK_POSTGRES, postgresAnswers, type ScratchKind } from "@umbra/db/testing";

/** Sets TEST_DATABASE_URL when a loopback Postgres answers; says what it found. */
export async function benchDatabases(log: (line: string) => void): Promise<ScratchKind[]> {
  if (process.env.TEST_DATABASE_URL) {
    log("databases: PGlite, and Postgres from TEST_DATABASE_URL");
    return ["pglite", "postgres"];
  }
  const found = await postgresAnswers(LOOPBACK_POSTGRES);
  if (!found.ok) {
    log(`databases: PGlite only (no Postgres at ${LOOPBACK_POSTGRES}: ${found.reason.split("\n")[0]}; set TEST_DATABASE_URL to use one)`);
    return ["pglite"];
  }
  process.env.TEST_DATABASE_URL = LOOPBACK_POSTGRES;
  log(`databases: PGlite, and Postgres at ${LOOPBACK_POSTGRES}`);
  return ["pglite", "postgres"];
}
