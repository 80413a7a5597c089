// `npm run bench`: Umbra's speed figures, measured in one run on this machine and
// written to .umbra/bench.json. Ratios compare figures taken in the same run.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import { DEFAULT_FRAME_SIZE, recipeHash, seedFrameRecipe } from "@umbra/latent";
import { EVENTS, type FrameReady } from "@umbra/protocol";
import { chooseBackend, CppnGenerator, parseBackendPreference } from "@umbra/gan-worker";
import { TEST_WORKER_SECRET, connectRoomSocket, startStack, type RoomSocket } from "../tests/support/stack.js";
import { BENCH_FILE, percentile, recordFigures, type Figure } from "./bench-results.js";
import { EDITORS, UPDATES_PER_SECOND, measureFanout } from "./yjs-fanout.js";

const SIZE = DEFAULT_FRAME_SIZE;
/** Mid-transition frames: both endpoints are resolved and slerped, as in playback. */
const recipe = (seed: number) => seedFrameRecipe("builtin/cppn", seed, { to: { seed: seed + 1 }, t: 0.5 });

async function matmulGflops(): Promise<number> {
  const n = 1024;
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  const times: number[] = [];
  for (let i = 0; i < 12; i++) {
    const start = performance.now();
    const c = tf.matMul(a, b);
    await c.data();
    times.push(performance.now() - start);
    c.dispose();
  }
  a.dispose();
  b.dispose();
  return (2 * n ** 3) / (percentile(times.slice(2), 50) / 1000) / 1e9;
}

async function generatorMs(generator: CppnGenerator): Promise<number> {
  await generator.render([recipe(0)]);
  const times: number[] = [];
  for (let seed = 1; seed <= 40; seed++) {
    const start = performance.now();
    await generator.render([recipe(seed)]);
    times.push(performance.now() - start);
  }
  return percentile(times, 50);
}

/** Request → both clients hold the frame, with the worker in its own process: rendered, then cached. */
async function endToEndMs(): Promise<{ rendered: number; cached: number }> {
  const stack = await startStack({ kind: "pglite", withWorker: false, open: true });
  const worker = spawn(process.execPath, [fileURLToPath(new URL("../apps/gan-worker/dist/main.js", import.meta.url))], {
    env: { ...process.env, UMBRA_HUB_URL: stack.collab.url, UMBRA_WORKER_SECRET: TEST_WORKER_SECRET, UMBRA_BACKEND: process.env.UMBRA_BACKEND ?? "auto" },
    stdio: "ignore",
  });
  const sockets: RoomSocket[] = [];
  try {
    const room = await stack.api.createRoom("bench");
    for (let i = 0; i < 2; i++) sockets.push(await connectRoomSocket(stack.collab.url, await stack.api.realtimeToken(room.id)));
    for (const s of sockets) await new Promise((r) => s.emit(EVENTS.roomJoin, { roomId: room.id }, r));
    const deadline = Date.now() + 60_000;
    while ((await (await fetch(new URL("/healthz", stack.collab.url))).json()).workers < 1) {
      if (Date.now() > deadline) throw new Error("the worker did not register within 60 s");
      await new Promise((r) => setTimeout(r, 200));
    }
    /** Asks for a seed's frame and resolves with the ms until both clients hold it. */
    const roundTrip = async (seed: number) => {
      const wanted = recipe(seed);
      const hash = recipeHash(wanted);
      const start = performance.now();
      const arrivals = sockets.map(
        (s) =>
          new Promise<void>((resolve) => {
            const onFrame = (f: FrameReady) => {
              if (f.hash !== hash) return;
              s.off(EVENTS.frameReady, onFrame);
              resolve();
            };
            s.on(EVENTS.frameReady, onFrame);
          }),
      );
      sockets[0]!.emit(EVENTS.frameRequest, { roomId: room.id, recipe: wanted }, (ack) => {
        if (!ack.ok) throw new Error(ack.error.message);
      });
      await Promise.all(arrivals);
      return performance.now() - start;
    };
    const rendered: number[] = [];
    for (let seed = 1000; seed < 1045; seed++) {
      const ms = await roundTrip(seed);
      if (seed >= 1005) rendered.push(ms); // the first five warm the path
    }
    // The same frames again: now they come from the hub's cache.
    const cached: number[] = [];
    for (let seed = 1005; seed < 1045; seed++) cached.push(await roundTrip(seed));
    return { rendered: percentile(rendered, 50), cached: percentile(cached, 50) };
  } finally {
    for (const s of sockets) s.close();
    worker.kill("SIGTERM");
    await stack.close();
  }
}

const backend = await chooseBackend(parseBackendPreference(process.env.UMBRA_BACKEND), () => {});
console.log(`backend: ${backend.name} (${backend.detail}) from ${backend.source}`);
const generator = new CppnGenerator();
const gflops = await matmulGflops();
const msPerFrame = await generatorMs(generator);
const generatorGflops = generator.flopsPerFrame(SIZE, SIZE) / (msPerFrame / 1000) / 1e9;
const e2e = await endToEndMs();
const database = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";
const fanout = await measureFanout(database);
const persist = fanout.persist;

const figures: Record<string, Figure> = {
  generator_ms_per_frame_256: { value: msPerFrame, unit: "ms" },
  matmul_gflops: { value: gflops, unit: "GFLOP/s" },
  generator_flop_efficiency: { value: generatorGflops / gflops, unit: "ratio" },
  e2e_frame_ms_p50: { value: e2e.rendered, unit: "ms" },
  cached_frame_ms_p50: { value: e2e.cached, unit: "ms" },
  yjs_fanout_ms_p50: { value: fanout.p50, unit: "ms" },
  yjs_fanout_ms_p99: { value: fanout.p99, unit: "ms" },
  yjs_server_cpu_pct: { value: fanout.serverCpuPct, unit: "% of one core" },
  yjs_persist_ms_p99: { value: persist.p99, unit: "ms" },
};
console.log(`generator, 256×256, median of 40:     ${msPerFrame.toFixed(1)} ms/frame (target ≤ 80) → ${generatorGflops.toFixed(2)} GFLOP/s`);
console.log(`matmul 1024³ on the same backend:     ${gflops.toFixed(2)} GFLOP/s`);
console.log(`generator FLOP efficiency:            ${(100 * (generatorGflops / gflops)).toFixed(1)} % of matmul`);
console.log(`end to end, request → both clients:   ${e2e.rendered.toFixed(1)} ms p50 (target ≤ 150)`);
console.log(`a cached frame → both clients:        ${e2e.cached.toFixed(1)} ms p50 (target ≤ 30) = ${(e2e.cached / e2e.rendered).toFixed(2)} × a rendered one`);
console.log(`Yjs fan-out, ${EDITORS} editors × ${UPDATES_PER_SECOND}/s (${fanout.database}): p50 ${fanout.p50.toFixed(1)} ms, p99 ${fanout.p99.toFixed(1)} ms over ${fanout.receipts} receipts (target p99 ≤ 20)`);
console.log(`collab-server CPU during fan-out:     ${fanout.serverCpuPct.toFixed(1)} % of one core`);
console.log(`Yjs update receipt → ${database} commit: p50 ${persist.p50.toFixed(1)} ms, p99 ${persist.p99.toFixed(1)} ms over ${persist.count} updates (target p99 ≤ 100)`);
await recordFigures(figures);
console.log(`written to ${BENCH_FILE}`);
