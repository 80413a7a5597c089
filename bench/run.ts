// `npm run bench`: Umbra's speed figures, measured in one run on this machine and
// written to .umbra/bench.json. Ratios compare figures taken in the same run.
import * as tf from "@tensorflow/tfjs-core";
import { DEFAULT_FRAME_SIZE, recipeHash, seedFrameRecipe, type FrameRecipe } from "@umbra/latent";
import { EVENTS, PREFETCH_LIMIT, type FrameReady, type FramesPrefetchAck } from "@umbra/protocol";
import { chooseBackend, CppnGenerator, parseBackendPreference } from "@umbra/gan-worker";
import { connectRoomSocket, startStack, type RoomSocket } from "../tests/support/stack.js";
import { BENCH_FILE, percentile, recordFigures, type Figure } from "./bench-results.js";
import { CACHE_MB, PLAYBACK_FPS, VIEWERS, measurePlaybackLoad } from "./playback-load.js";
import { measureScrub } from "./scrub-browser.js";
import { EDITORS, UPDATES_PER_SECOND, measureFanout } from "./yjs-fanout.js";

const SIZE = DEFAULT_FRAME_SIZE;
/** The batch the worker gets on wasm (its default maxBatch). */
const GENERATOR_BATCH = 8;
/** One prefetch list at most: the hub takes no more at once. */
const THROUGHPUT_FRAMES = PREFETCH_LIMIT;
/** The playback loop's length: 10 minutes by default, as the memory target asks; UMBRA_BENCH_PLAYBACK_S shortens it. */
const PLAYBACK_SECONDS = Number(process.env.UMBRA_BENCH_PLAYBACK_S ?? 600);
/** Mid-transition frames: both endpoints are resolved and slerped, as in playback. */
const recipe = (seed: number) => seedFrameRecipe("builtin/cppn", seed, { to: { seed: seed + 1 }, t: 0.5 });

/** Best of several 1024³ products: the backend's peak on this machine, less sensitive to a noisy neighbour than a median. */
async function matmulGflops(): Promise<number> {
  const n = 1024;
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  const times: number[] = [];
  for (let i = 0; i < 24; i++) {
    const start = performance.now();
    const c = tf.matMul(a, b);
    await c.data();
    times.push(performance.now() - start);
    c.dispose();
  }
  a.dispose();
  b.dispose();
  return (2 * n ** 3) / (Math.min(...times.slice(2)) / 1000) / 1e9;
}

/** Frames per second rendering batches of GENERATOR_BATCH, as the worker does. */
async function generatorFps(generator: CppnGenerator): Promise<number> {
  await generator.render([recipe(0)]);
  const batches = 8;
  const start = performance.now();
  for (let b = 0; b < batches; b++) await generator.render(Array.from({ length: GENERATOR_BATCH }, (_, i) => recipe(1 + b * GENERATOR_BATCH + i)));
  return (batches * GENERATOR_BATCH) / ((performance.now() - start) / 1000);
}

/**
 * Through the hub with the worker in its own process: throughput (two clients prefetch
 * the same new frames; time until both hold all), then single-frame latency, rendered
 * and cached.
 */
async function endToEnd(): Promise<{ fps: number; rendered: number; cached: number }> {
  const stack = await startStack({ kind: "pglite", withWorker: "process", open: true });
  const sockets: RoomSocket[] = [];
  try {
    const room = await stack.api.createRoom("bench");
    for (let i = 0; i < 2; i++) sockets.push(await connectRoomSocket(stack.collab.url, await stack.api.realtimeToken(room.id)));
    for (const s of sockets) await new Promise((r) => s.emit(EVENTS.roomJoin, { roomId: room.id }, r));

    /** Resolves when every client holds every one of the hashes. */
    const arrivals = (hashes: string[]) =>
      Promise.all(
        sockets.map(
          (s) =>
            new Promise<void>((resolve) => {
              const missing = new Set(hashes);
              const onFrame = (f: FrameReady) => {
                missing.delete(f.hash);
                if (missing.size > 0) return;
                s.off(EVENTS.frameReady, onFrame);
                resolve();
              };
              s.on(EVENTS.frameReady, onFrame);
            }),
        ),
      );

    const prefetch = (s: RoomSocket, recipes: FrameRecipe[]) =>
      s.emit(EVENTS.framesPrefetch, { roomId: room.id, recipes }, (ack: FramesPrefetchAck) => {
        if (!ack.ok) throw new Error(`the hub refused a prefetch: ${ack.error.message}`);
      });
    const warm = Array.from({ length: 8 }, (_, i) => recipe(3000 + i));
    const warmed = arrivals(warm.map(recipeHash));
    for (const s of sockets) prefetch(s, warm);
    await warmed;
    const burst = Array.from({ length: THROUGHPUT_FRAMES }, (_, i) => recipe(2000 + i));
    const burstStart = performance.now();
    const done = arrivals(burst.map(recipeHash));
    for (const s of sockets) prefetch(s, burst);
    await done;
    const fps = THROUGHPUT_FRAMES / ((performance.now() - burstStart) / 1000);

    /** Asks for a seed's frame as the room's preview and resolves with the ms until both clients hold it. */
    const roundTrip = async (seed: number) => {
      const wanted = recipe(seed);
      const start = performance.now();
      const arrived = arrivals([recipeHash(wanted)]);
      sockets[0]!.emit(EVENTS.frameRequest, { roomId: room.id, recipe: wanted, audience: "room" }, (ack) => {
        if (!ack.ok) throw new Error(ack.error.message);
      });
      await arrived;
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
    return { fps, rendered: percentile(rendered, 50), cached: percentile(cached, 50) };
  } finally {
    for (const s of sockets) s.close();
    await stack.close();
  }
}

const backend = await chooseBackend(parseBackendPreference(process.env.UMBRA_BACKEND), () => {});
console.log(`backend: ${backend.name} (${backend.detail}) from ${backend.source}`);
const generator = new CppnGenerator();
const gflops = await matmulGflops();
const fps = await generatorFps(generator);
const generatorGflops = (generator.flopsPerFrame(SIZE, SIZE) * fps) / 1e9;
const e2e = await endToEnd();
const scrub = await measureScrub();
const playback = await measurePlaybackLoad(PLAYBACK_SECONDS);
const database = process.env.TEST_DATABASE_URL ? "postgres" : "pglite";
const fanout = await measureFanout(database);
const persist = fanout.persist;
const rssGrowth = playback.rssMaxMb - playback.rssStartMb;

const figures: Record<string, Figure> = {
  generator_fps_batched_256: { value: fps, unit: "frames/s" },
  matmul_gflops: { value: gflops, unit: "GFLOP/s" },
  generator_flop_efficiency: { value: generatorGflops / gflops, unit: "ratio" },
  e2e_fps: { value: e2e.fps, unit: "frames/s" },
  e2e_fps_ratio: { value: e2e.fps / fps, unit: "ratio" },
  e2e_frame_ms_p50: { value: e2e.rendered, unit: "ms" },
  cached_frame_ms_p50: { value: e2e.cached, unit: "ms" },
  scrub_ms_p50_browser: { value: scrub.p50, unit: "ms" },
  hub_cpu_pct_20viewers_10fps: { value: playback.hubCpuPct, unit: "% of one core" },
  hub_rss_growth_mb: { value: rssGrowth, unit: "MB" },
  yjs_fanout_ms_p50: { value: fanout.p50, unit: "ms" },
  yjs_fanout_ms_p99: { value: fanout.p99, unit: "ms" },
  yjs_server_cpu_pct: { value: fanout.serverCpuPct, unit: "% of one core" },
  yjs_persist_ms_p99: { value: persist.p99, unit: "ms" },
};
const line = (label: string, text: string) => console.log(`${label.padEnd(44)}${text}`);
line(`generator, 256², batches of ${GENERATOR_BATCH}:`, `${fps.toFixed(1)} frames/s (target ≥ 15) → ${generatorGflops.toFixed(2)} GFLOP/s`);
line("matmul 1024³ on the same backend, best:", `${gflops.toFixed(2)} GFLOP/s`);
line("generator FLOP efficiency:", `${(100 * (generatorGflops / gflops)).toFixed(1)} % of matmul`);
line(`end to end, ${THROUGHPUT_FRAMES} new frames → 2 clients:`, `${e2e.fps.toFixed(1)} frames/s = ${(e2e.fps / fps).toFixed(2)} × the generator alone (target ≥ 0.80)`);
line("one new frame → both clients:", `${e2e.rendered.toFixed(1)} ms p50`);
line("a cached frame → both clients:", `${e2e.cached.toFixed(1)} ms p50 (target ≤ 30) = ${(e2e.cached / e2e.rendered).toFixed(2)} × a rendered one`);
line(`scrub to a new frame in Chromium, ${scrub.scrubs}×:`, `${scrub.p50.toFixed(0)} ms p50, ${scrub.p90.toFixed(0)} ms p90 (target p50 ≤ 150)`);
line(`hub, ${VIEWERS} viewers of ${PLAYBACK_FPS} fps playback, ${playback.seconds.toFixed(0)} s:`, `${playback.hubCpuPct.toFixed(1)} % of one core (target < 15); viewers got ${playback.viewerFps.toFixed(1)} frames/s; ${playback.framesPlayed} frames played, ${playback.framesWaitedFor} ticks waited`);
line(`hub memory (cache budget ${CACHE_MB} MB):`, `${playback.rssStartMb.toFixed(0)} MB after warm-up → ${playback.rssMaxMb.toFixed(0)} MB at most: +${rssGrowth.toFixed(0)} MB (target ≤ ${CACHE_MB} + 100)`);
line(`Yjs fan-out, ${EDITORS} editors × ${UPDATES_PER_SECOND}/s (${fanout.database}):`, `p50 ${fanout.p50.toFixed(1)} ms, p99 ${fanout.p99.toFixed(1)} ms over ${fanout.receipts} receipts (target p99 ≤ 20)`);
line("collab-server CPU during fan-out:", `${fanout.serverCpuPct.toFixed(1)} % of one core`);
line(`Yjs update receipt → ${database} commit:`, `p50 ${persist.p50.toFixed(1)} ms, p99 ${persist.p99.toFixed(1)} ms over ${persist.count} updates (target p99 ≤ 100)`);
await recordFigures(figures);
console.log(`written to ${BENCH_FILE}`);
