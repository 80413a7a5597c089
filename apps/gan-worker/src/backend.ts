import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { setThreadsCount } from "@tensorflow/tfjs-backend-wasm";

/** Which TensorFlow.js backend renders, as reported to the hub and shown to users. */
export interface BackendInfo {
  /** "tensorflow" (tfjs-node or tfjs-node-gpu), "wasm" or "cpu". */
  name: string;
  /** The package that provided it, e.g. "@tensorflow/tfjs-node-gpu". */
  source: string;
  /** Human detail: "SIMD, 1 thread", "GPU", … */
  detail: string;
}

export const BACKEND_PREFERENCES = ["auto", "tfjs-node-gpu", "tfjs-node", "wasm", "cpu"] as const;
export type BackendPreference = (typeof BACKEND_PREFERENCES)[number];

export function parseBackendPreference(value: string | undefined): BackendPreference {
  const preference = value ?? "auto";
  if (!(BACKEND_PREFERENCES as readonly string[]).includes(preference)) {
    throw new Error(`UMBRA_BACKEND must be one of ${BACKEND_PREFERENCES.join(", ")}; got "${preference}"`);
  }
  return preference as BackendPreference;
}

async function tryNative(pkg: "@tensorflow/tfjs-node-gpu" | "@tensorflow/tfjs-node", log: (line: string) => void): Promise<BackendInfo | null> {
  try {
    // Optional dependencies: present on hosts where libtensorflow could be installed.
    await import(pkg);
    await tf.setBackend("tensorflow");
    await tf.ready();
    return { name: "tensorflow", source: pkg, detail: pkg.endsWith("gpu") ? "libtensorflow, GPU" : "libtensorflow, CPU" };
  } catch (error) {
    log(`backend: ${pkg} unavailable (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
    return null;
  }
}

async function tryWasm(threads: number, log: (line: string) => void): Promise<BackendInfo | null> {
  try {
    setThreadsCount(threads);
    if (!(await tf.setBackend("wasm"))) throw new Error("setBackend('wasm') returned false");
    await tf.ready();
    const simd = Boolean(await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"));
    const multithread = Boolean(await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT"));
    const used = multithread ? threads : 1;
    return { name: "wasm", source: "@tensorflow/tfjs-backend-wasm", detail: `${simd ? "SIMD" : "no SIMD"}, ${used} thread${used === 1 ? "" : "s"}` };
  } catch (error) {
    log(`backend: wasm unavailable (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}

/**
 * Picks the fastest backend present: tfjs-node-gpu, tfjs-node, wasm (SIMD, threads
 * where the runtime allows), then the plain JS CPU backend, and says which.
 */
export async function chooseBackend(preference: BackendPreference, log: (line: string) => void, threads = 2): Promise<BackendInfo> {
  const order: BackendPreference[] = preference === "auto" ? ["tfjs-node-gpu", "tfjs-node", "wasm", "cpu"] : [preference];
  for (const candidate of order) {
    let info: BackendInfo | null = null;
    if (candidate === "tfjs-node-gpu" || candidate === "tfjs-node") info = await tryNative(`@tensorflow/${candidate}`, log);
    else if (candidate === "wasm") info = await tryWasm(threads, log);
    else if (candidate === "cpu") {
      await tf.setBackend("cpu");
      await tf.ready();
      info = { name: "cpu", source: "@tensorflow/tfjs-backend-cpu", detail: "plain JavaScript" };
    }
    if (info) return info;
  }
  throw new Error(`backend ${preference} is not available on this host`);
}

/**
 * The largest batch the hub should send this worker. A GPU gains most from batches;
 * on CPU backends a batch mostly saves per-call overhead, so it stays small to keep
 * the first frame of each batch quick.
 */
export function defaultMaxBatch(backend: BackendInfo): number {
  if (backend.source === "@tensorflow/tfjs-node-gpu") return 32;
  return backend.name === "cpu" ? 2 : 8;
}

/** UMBRA_MAX_BATCH, or the backend's default. */
export function parseMaxBatch(value: string | undefined, backend: BackendInfo): number {
  if (value === undefined || value === "") return defaultMaxBatch(backend);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`UMBRA_MAX_BATCH must be a whole number from 1 to 64; got "${value}"`);
  return n;
}
