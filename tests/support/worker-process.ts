// The real gan-worker as its own process, as `npm start` runs it: its rendering
// cannot block the hub's event loop, which an in-process worker would.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { TEST_WORKER_SECRET } from "./stack.js";

const mainJs = fileURLToPath(new URL("../../apps/gan-worker/dist/main.js", import.meta.url));

/** Starts apps/gan-worker/dist/main.js against a hub and waits until the hub counts one more worker. */
export async function startWorkerProcess(hubUrl: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; close(): void }> {
  const workers = async () => ((await (await fetch(new URL("/healthz", hubUrl))).json()) as { workers: number }).workers;
  const before = await workers();
  const child = spawn(process.execPath, [mainJs], {
    env: { ...process.env, UMBRA_HUB_URL: hubUrl, UMBRA_WORKER_SECRET: TEST_WORKER_SECRET, UMBRA_BACKEND: process.env.UMBRA_BACKEND ?? "wasm", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 60_000;
  while ((await workers()) <= before) {
    if (child.exitCode !== null) throw new Error(`gan-worker exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`gan-worker did not register within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, close: () => child.kill("SIGTERM") };
}
