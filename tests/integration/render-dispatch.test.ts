// How the hub hands frames to workers: batches that grow with a worker's answers,
// spread over every worker, previews before prefetch, prefetch lists that replace
// each other, and frames of a worker that hangs or leaves mid-batch sent elsewhere.
import { afterEach, describe, expect, it } from "vitest";
import { recipeHash, seedFrameRecipe } from "@umbra/latent";
import { EVENTS, type FrameFailed, type FrameReady, type FrameRequestAck, type FramesPrefetchAck, type RoomJoinAck } from "@umbra/protocol";
import { startFakeWorker, type FakeWorker } from "../support/fake-worker.js";
import { connectRoomSocket, startStack, type RoomSocket, type Stack } from "../support/stack.js";

const recipe = (seed: number) => seedFrameRecipe("builtin/cppn", seed);

interface Client {
  socket: RoomSocket;
  roomId: string;
  /** Hashes of every frame received, in order. */
  received: string[];
  ask(seed: number, audience?: "room" | "me"): Promise<FrameRequestAck>;
  prefetch(seeds: number[]): Promise<FramesPrefetchAck>;
}

describe("render dispatch", () => {
  let stack: Stack;
  const closers: (() => void)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) close();
    await stack?.close();
  });

  async function start(renderTimeoutMs?: number) {
    stack = await startStack({ kind: "pglite", withWorker: false, open: true, renderTimeoutMs });
    return (await stack.api.createRoom("Dispatch")).id;
  }

  async function worker(options: Parameters<typeof startFakeWorker>[1]): Promise<FakeWorker> {
    const w = await startFakeWorker(stack.collab.url, options);
    closers.push(w.close);
    return w;
  }

  async function client(roomId: string): Promise<Client> {
    const socket = await connectRoomSocket(stack.collab.url, await stack.api.realtimeToken(roomId));
    closers.push(() => socket.close());
    const joined = await new Promise<RoomJoinAck>((resolve) => socket.emit(EVENTS.roomJoin, { roomId }, resolve));
    expect(joined.ok).toBe(true);
    const received: string[] = [];
    socket.on(EVENTS.frameReady, (frame: FrameReady) => received.push(frame.hash));
    return {
      socket,
      roomId,
      received,
      ask: (seed, audience = "room") => new Promise((resolve) => socket.emit(EVENTS.frameRequest, { roomId, recipe: recipe(seed), audience }, resolve)),
      prefetch: (seeds) => new Promise((resolve) => socket.emit(EVENTS.framesPrefetch, { roomId, recipes: seeds.map(recipe) }, resolve)),
    };
  }

  it("spreads a load over two workers in batches that grow while answers come back quickly", async () => {
    const roomId = await start();
    const [one, two] = [await worker({ name: "one", maxBatch: 8, msPerFrame: 5 }), await worker({ name: "two", maxBatch: 8, msPerFrame: 5 })];
    const viewer = await client(roomId);
    const seeds = Array.from({ length: 60 }, (_, i) => 500 + i);
    expect(await viewer.prefetch(seeds)).toEqual({ ok: true, hashes: seeds.map((s) => recipeHash(recipe(s))) });
    await expect.poll(() => viewer.received.length, { timeout: 10_000 }).toBe(60);
    expect(new Set(viewer.received)).toEqual(new Set(seeds.map((s) => recipeHash(recipe(s)))));

    const frames = (w: FakeWorker) => w.batches.reduce((n, b) => n + b.length, 0);
    expect(frames(one) + frames(two)).toBe(60); // each frame rendered once
    expect(Math.min(frames(one), frames(two)), "the lighter worker's share").toBeGreaterThanOrEqual(15);
    for (const w of [one, two]) {
      const sizes = w.batches.map((b) => b.length);
      expect(sizes[0], `${w.batches.length} batches`).toBe(1);
      expect(Math.max(...sizes)).toBeGreaterThan(1);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(8); // never above what the worker reported
    }
  });

  it("sends prefetched frames only to the one who asked, and a preview to the whole room", async () => {
    const roomId = await start();
    await worker({ name: "fast", maxBatch: 4, msPerFrame: 2 });
    const [asker, other] = [await client(roomId), await client(roomId)];
    const hashes = [1, 2, 3].map((s) => recipeHash(recipe(s)));
    await asker.prefetch([1, 2, 3]);
    await expect.poll(() => asker.received.length).toBe(3);
    const preview = recipeHash(recipe(9));
    await asker.ask(9);
    await expect.poll(() => other.received).toEqual([preview]);
    expect(asker.received).toEqual([...hashes, preview]);
    // A thumbnail (audience "me") goes to its asker only, from the cache too.
    await other.ask(1, "me");
    await expect.poll(() => other.received).toEqual([preview, hashes[0]]);
    // A barrier on the asker's socket: its own thumbnail, sent after anything the server meant for it from the other's request.
    await asker.ask(2, "me");
    await expect.poll(() => asker.received.length).toBe(5);
    expect(asker.received).toEqual([...hashes, preview, hashes[1]]);
  });

  it("renders a preview before queued prefetch, and drops prefetch that a newer list replaced", async () => {
    const roomId = await start();
    const slow = await worker({ name: "slow", maxBatch: 1, msPerFrame: 300 });
    const viewer = await client(roomId);
    await viewer.prefetch([10, 11, 12, 13, 14, 15]);
    // A worker holds two prefetch batches, so it never idles between them: 10 and 11 render, 12..15 wait.
    await expect.poll(() => slow.batches.length).toBe(2);
    await viewer.ask(99);
    // A new list, as when the playhead jumped: 12..15 are no longer wanted.
    await viewer.prefetch([20, 21]);
    await expect.poll(() => viewer.received.length, { timeout: 15_000 }).toBe(5);
    // The preview went at once, on top of the two prefetch batches; 20 and 21 only when those were answered.
    expect(slow.batches.flat()).toEqual([10, 11, 99, 20, 21].map((s) => recipeHash(recipe(s))));
    expect(viewer.received).toEqual([10, 11, 99, 20, 21].map((s) => recipeHash(recipe(s))));
  });

  it("hands a batch of a worker that leaves mid-batch to the other worker", async () => {
    const roomId = await start();
    const leaving = await worker({ name: "leaving", maxBatch: 4, msPerFrame: 0, silent: true });
    const viewer = await client(roomId);
    await viewer.prefetch([40, 41, 42]);
    // Every worker starts at batch size 1, and holds two batches.
    await expect.poll(() => leaving.batches).toEqual([[recipeHash(recipe(40))], [recipeHash(recipe(41))]]);
    const staying = await worker({ name: "staying", maxBatch: 4, msPerFrame: 5 });
    await expect.poll(() => staying.batches.flat()).toEqual([recipeHash(recipe(42))]); // the one that waited
    leaving.close();
    await expect.poll(() => new Set(viewer.received)).toEqual(new Set([40, 41, 42].map((s) => recipeHash(recipe(s)))));
    expect(staying.batches.flat()).toHaveLength(3);
  });

  it("hands frames of a worker that stops answering to another, and fails them clearly when there is none", async () => {
    const roomId = await start(400);
    const hung = await worker({ name: "hung", maxBatch: 4, msPerFrame: 0, silent: true });
    const viewer = await client(roomId);
    const failures: FrameFailed[] = [];
    viewer.socket.on(EVENTS.frameFailed, (f: FrameFailed) => failures.push(f));
    expect((await viewer.ask(60)).ok).toBe(true);
    await expect.poll(() => failures.length, { timeout: 20_000 }).toBe(1);
    // The message names the configured 400 ms, not the 10 s default.
    expect(failures[0]).toMatchObject({ hash: recipeHash(recipe(60)), error: { code: "RENDER_FAILED", message: expect.stringMatching(/hung did not answer within 400 ms/) } });

    const healthy = await worker({ name: "healthy", maxBatch: 4, msPerFrame: 5 });
    const next = hung.nextBatch();
    await viewer.ask(61);
    // The hub sends it to the idle healthy worker or to the hung one; either way it arrives.
    await Promise.race([next, healthy.nextBatch()]);
    await expect.poll(() => viewer.received, { timeout: 15_000 }).toContain(recipeHash(recipe(61)));
    expect(failures).toHaveLength(1);
  });
});
