// The hub under a playback loop: one presenter plays a long chain at 10 fps while
// 20 viewers watch the room's preview. collab-server and gan-worker each run in their
// own process, as in production, so the hub's CPU and memory are its own.
import { createScratchTarget } from "@umbra/db/testing";
import { recipeHash, seedFrameRecipe, type FrameRecipe } from "@umbra/latent";
import { EVENTS, type FrameReady } from "@umbra/protocol";
import { ApiClient } from "../tests/support/api.js";
import { startCollabProcess } from "../tests/support/collab-process.js";
import { connectRoomSocket, type RoomSocket } from "../tests/support/stack.js";
import { freePort } from "../tests/support/web-server.js";
import { startWorkerProcess } from "../tests/support/worker-process.js";
import { cpuSeconds, rssMb } from "./process-stats.js";

export const VIEWERS = 20;
export const PLAYBACK_FPS = 10;
/** A small cache, so a long loop fills it and eviction is part of what is measured. */
export const CACHE_MB = 64;
const PREFETCH_AHEAD = 24;
/** Memory before this is start-up and the first cache fill; growth is measured from here. */
const WARM_UP_S = 20;

export interface PlaybackFigures {
  seconds: number;
  hubCpuPct: number;
  rssStartMb: number;
  rssMaxMb: number;
  /** Frames each viewer received per second, median over viewers. */
  viewerFps: number;
  framesPlayed: number;
  framesWaitedFor: number;
}

/** Every frame distinct: a slow walk between two seeds, so the loop never repeats within `frames`. */
const frameAt = (frames: number) => (i: number): FrameRecipe => seedFrameRecipe("builtin/cppn", 7, { to: { seed: 8 }, t: (i % frames) / frames });

export async function measurePlaybackLoad(seconds: number): Promise<PlaybackFigures> {
  const scratch = await createScratchTarget("pglite");
  const port = await freePort();
  const hub = await startCollabProcess(scratch, port, { UMBRA_FRAME_CACHE_MB: String(CACHE_MB) });
  const url = `http://127.0.0.1:${port}`;
  const worker = await startWorkerProcess(url);
  const sockets: RoomSocket[] = [];
  try {
    const api = new ApiClient(url);
    const roomId = (await api.createRoom("playback load")).id;
    const join = async () => {
      const socket = await connectRoomSocket(url, await api.realtimeToken(roomId));
      await new Promise((r) => socket.emit(EVENTS.roomJoin, { roomId }, r));
      sockets.push(socket);
      return socket;
    };
    const presenter = await join();
    const received: number[] = [];
    for (let v = 0; v < VIEWERS; v++) {
      const viewer = await join();
      received.push(0);
      viewer.on(EVENTS.frameReady, () => received[v]!++);
    }
    const recipe = frameAt(seconds * PLAYBACK_FPS + PREFETCH_AHEAD);
    const held = new Set<string>();
    presenter.on(EVENTS.frameReady, (f: FrameReady) => held.add(f.hash));

    // The presenter plays as the web app does: it moves on only to a frame it holds,
    // shows it to the room, and keeps the frames ahead prefetched.
    let frame = 0;
    let waited = 0;
    const refused = (ack: { ok: boolean; error?: { message: string } }) => {
      if (!ack.ok) throw new Error(`the hub refused the presenter: ${ack.error?.message}`);
    };
    const prefetch = () =>
      presenter.emit(EVENTS.framesPrefetch, { roomId, recipes: Array.from({ length: PREFETCH_AHEAD }, (_, k) => recipe(frame + 1 + k)).filter((r) => !held.has(recipeHash(r))) }, refused);
    prefetch();
    await new Promise((r) => setTimeout(r, 3000)); // the first second of frames is ready, as after pressing Play
    const started = performance.now();
    const cpuStart = cpuSeconds(hub.pid);
    let rssStart = rssMb(hub.pid);
    let rssMax = rssStart;
    const ticks = setInterval(() => {
      if (!held.has(recipeHash(recipe(frame + 1)))) {
        waited++;
        return;
      }
      frame++;
      presenter.emit(EVENTS.frameRequest, { roomId, recipe: recipe(frame), audience: "room" }, refused);
    }, 1000 / PLAYBACK_FPS);
    const prefetching = setInterval(prefetch, 150);
    const sampling = setInterval(() => {
      const rss = rssMb(hub.pid);
      if (performance.now() - started < WARM_UP_S * 1000) rssStart = rss;
      else rssMax = Math.max(rssMax, rss);
    }, 1000);
    const receivedAtStart = [...received];
    await new Promise((r) => setTimeout(r, seconds * 1000));
    clearInterval(ticks);
    clearInterval(prefetching);
    clearInterval(sampling);
    const elapsed = (performance.now() - started) / 1000;
    const hubCpuPct = (100 * (cpuSeconds(hub.pid) - cpuStart)) / elapsed;
    const perViewer = received.map((n, v) => (n - receivedAtStart[v]!) / elapsed).sort((a, b) => a - b);
    return { seconds: elapsed, hubCpuPct, rssStartMb: rssStart, rssMaxMb: Math.max(rssMax, rssStart), viewerFps: perViewer[Math.floor(VIEWERS / 2)]!, framesPlayed: frame, framesWaitedFor: waited };
  } finally {
    for (const s of sockets) s.close();
    await worker.stop();
    await hub.stop();
    await scratch.dispose();
  }
}
