// Frames through the hub to two clients, with the worker in its own process.
import { recipeHash, type FrameRecipe } from "@umbra/latent";
import { EVENTS, PREFETCH_LIMIT, type FrameReady, type FramesPrefetchAck } from "@umbra/protocol";
import { connectRoomSocket, startStack, type RoomSocket } from "../tests/support/stack.js";
import { percentile } from "./bench-results.js";
import { DEFAULT_MODEL } from "@umbra/protocol";
import { benchRecipe, medianFps } from "./generator-speed.js";

/** Frames of the default model, as a new room renders. */
const recipe = (seed: number) => benchRecipe(seed, DEFAULT_MODEL);

/** One prefetch list at most: the hub takes no more at once. */
export const THROUGHPUT_FRAMES = PREFETCH_LIMIT;

/**
 * Through the hub with the worker in its own process: throughput (two clients prefetch
 * the same new frames; time until both hold all; the median of several such bursts),
 * then single-frame latency, rendered and cached.
 */
export async function endToEnd(): Promise<{ fps: number; rendered: number; cached: number }> {
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
    const fps = await medianFps(async (round) => {
      const burst = Array.from({ length: THROUGHPUT_FRAMES }, (_, i) => recipe(2000 + round * THROUGHPUT_FRAMES + i));
      const burstStart = performance.now();
      const done = arrivals(burst.map(recipeHash));
      for (const s of sockets) prefetch(s, burst);
      await done;
      return THROUGHPUT_FRAMES / ((performance.now() - burstStart) / 1000);
    });

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

