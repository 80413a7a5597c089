import { openDatabase, resolveDatabaseTarget } from "@umbra/db";
import { readConfig, type CollabConfig } from "./config.js";
import { startCollabServer } from "./server.js";

const log = (line: string) => console.log(`[collab-server] ${line}`);

let config: CollabConfig;
try {
  config = readConfig();
} catch (error) {
  log(`cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
if (config.open) log("UMBRA_OPEN=1: accounts are off; everyone who can reach this server is the local user and owns its rooms");
else log("accounts are on: the API and realtime channels need a signed-in user (set UMBRA_OPEN=1 for single-user local use)");
if (!config.workerSecret) log("warning: UMBRA_WORKER_SECRET is not set; any process that reaches this server can register as a worker");
if (config.tokenSecretGenerated) log("UMBRA_TOKEN_SECRET is not set: realtime tokens are signed with a key made for this run");
const database = await openDatabase(resolveDatabaseTarget(), { log });
const { applied, modified } = database.migrations;
log(applied.length ? `migrations applied: ${applied.join(", ")}` : "migrations: up to date");
for (const name of modified) log(`warning: migration ${name} changed after it was applied; it is not run again`);
const server = await startCollabServer(database, config, log);
log(`listening on ${server.url} (HTTP API, socket.io /rooms and /workers, Yjs at /yjs/<room>)`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`${signal}: closing connections and the database`);
  try {
    await server.close();
    await database.close();
    log("stopped cleanly");
    process.exit(0);
  } catch (error) {
    log(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
