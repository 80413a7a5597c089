import { hostname } from "node:os";
import { join } from "node:path";
import { chooseBackend, parseBackendPreference, parseMaxBatch } from "./backend.js";
import { ModelRegistry } from "./model-registry.js";
import { connectWorker } from "./worker-client.js";

const log = (line: string) => console.log(`[gan-worker] ${line}`);
const hubUrl = process.env.UMBRA_HUB_URL ?? `http://127.0.0.1:${process.env.COLLAB_PORT ?? "3001"}`;
const preference = parseBackendPreference(process.env.UMBRA_BACKEND);

const backend = await chooseBackend(preference, log);
log(`rendering on ${backend.name} (${backend.detail}) from ${backend.source}`);
const directionsDir = join(process.env.UMBRA_DATA_DIR || ".umbra", "directions");
const registry = await ModelRegistry.withModelsFrom(process.env.UMBRA_MODELS_DIR || undefined, log, directionsDir);
const warmStart = performance.now();
await registry.warmUp();
log(`models ready in ${Math.round(performance.now() - warmStart)} ms: ${registry.describe().map((m) => m.id).join(", ")}`);
const worker = connectWorker({
  hubUrl,
  secret: process.env.UMBRA_WORKER_SECRET || undefined,
  name: process.env.UMBRA_WORKER_NAME ?? `${hostname()}-${process.pid}`,
  backend,
  registry,
  maxBatch: parseMaxBatch(process.env.UMBRA_MAX_BATCH, backend),
  log,
});

worker.ready.catch(() => {
  log("exiting: the hub will not take this worker (see above)");
  process.exit(1);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: disconnecting`);
    worker.close();
    process.exit(0);
  });
}
