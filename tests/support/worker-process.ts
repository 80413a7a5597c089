// The real gan-worker as its own process, as `npm start` runs it: its rendering
// cannot block the hub's event loop, which an in-process worker would.
import { fileURLToPath } from "node:url";
import { spawnService, type ChildService } from "./child-service.js";
import { TEST_WORKER_SECRET } from "./stack.js";

const mainJs = fileURLToPath(new URL("../../apps/gan-worker/dist/main.js", import.meta.url));

/** Starts apps/gan-worker/dist/main.js against a hub and waits until the hub counts one more worker. */
export async function startWorkerProcess(hubUrl: string, env: Record<string, string> = {}): Promise<ChildService> {
  const workers = async () => ((await (await fetch(new URL("/healthz", hubUrl))).json()) as { workers: number }).workers;
  const before = await workers();
  const worker = spawnService("gan-worker", [mainJs], {
    env: { ...process.env, UMBRA_HUB_URL: hubUrl, UMBRA_WORKER_SECRET: TEST_WORKER_SECRET, UMBRA_BACKEND: process.env.UMBRA_BACKEND ?? "wasm", ...env },
  });
  await worker.waitUntil(async () => (await workers()) > before, "registering with the hub", 60_000);
  return worker;
}
