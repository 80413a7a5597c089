import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as joinPath } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchTarget, scratchKinds } from "@umbra/db/testing";
import { recipeHash, seedFrameRecipe } from "@umbra/latent";
import { EVENTS, frameReadySchema, type FrameReady, type RoomJoinAck, type FrameRequestAck } from "@umbra/protocol";
import { connectRoomSocket, startStack, type RoomSocket, type Stack } from "../support/stack.js";

const recipe = (seed: number) => seedFrameRecipe("builtin/cppn", seed);

const join = (socket: RoomSocket, roomId: unknown) => new Promise<RoomJoinAck>((resolve) => socket.emit(EVENTS.roomJoin, { roomId }, resolve));
const ask = (socket: RoomSocket, payload: unknown) => new Promise<FrameRequestAck>((resolve) => socket.emit(EVENTS.frameRequest, payload, resolve));
const nextFrame = (socket: RoomSocket, hash: string) =>
  new Promise<FrameReady>((resolve) => {
    const onFrame = (frame: FrameReady) => {
      if (frame.hash !== hash) return;
      socket.off(EVENTS.frameReady, onFrame);
      resolve(frame);
    };
    socket.on(EVENTS.frameReady, onFrame);
  });

describe.each(scratchKinds())("frames over socket.io, stored on %s", (kind) => {
  let stack: Stack;
  const sockets: RoomSocket[] = [];

  beforeAll(async () => {
    stack = await startStack({ kind, open: true });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await stack?.close();
  });

  async function socketFor(roomId: string) {
    const socket = await connectRoomSocket(stack.collab.url, await stack.api.realtimeToken(roomId));
    sockets.push(socket);
    return socket;
  }

  async function twoClientsInNewRoom() {
    const room = await stack.api.createRoom(`Room on ${kind}`);
    const a = await socketFor(room.id);
    const b = await socketFor(room.id);
    sockets.push(a, b);
    const [joinA, joinB] = await Promise.all([join(a, room.id), join(b, room.id)]);
    expect(joinA).toMatchObject({ ok: true, room: { id: room.id } });
    expect(joinB.ok).toBe(true);
    return { room, a, b };
  }

  it("reports the database in /healthz and the worker's backend on join", async () => {
    const health = await (await fetch(new URL("/healthz", stack.collab.url))).json();
    expect(health).toEqual({ ok: true, database: kind, workers: 1, open: true });
    const { room, a } = await twoClientsInNewRoom();
    const ack = await join(a, room.id);
    expect(ack.ok && ack.workers[0]?.backend.name).toBe("wasm");
  });

  it("renders a frame asked by one client and gives both the same 256×256 JPEG bytes", async () => {
    const { room, a, b } = await twoClientsInNewRoom();
    const wanted = recipe(1234);
    const hash = recipeHash(wanted);
    const arrivals = Promise.all([nextFrame(a, hash), nextFrame(b, hash)]);
    expect(await ask(a, { roomId: room.id, recipe: wanted })).toEqual({ ok: true, hash });
    const [frameA, frameB] = await arrivals;
    const bytesA = frameReadySchema.parse(frameA).bytes;
    const bytesB = frameReadySchema.parse(frameB).bytes;
    expect(bytesA.length).toBeGreaterThan(1000);
    expect(Buffer.from(bytesA).equals(Buffer.from(bytesB))).toBe(true);
    expect(frameA).toMatchObject({ roomId: room.id, mime: "image/jpeg", width: 256, height: 256, recipe: wanted });
    const meta = await sharp(bytesA).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 256, 256]);
  });

  it("shows a newcomer the frame the room is on", async () => {
    const { room, a } = await twoClientsInNewRoom();
    const hash = recipeHash(recipe(77));
    const arrived = nextFrame(a, hash);
    await ask(a, { roomId: room.id, recipe: recipe(77) });
    await arrived;
    const late = await socketFor(room.id);
    const replay = nextFrame(late, hash);
    await join(late, room.id);
    expect((await replay).hash).toBe(hash);
  });

  it("merges identical requests in flight into one render and one broadcast", async () => {
    const { room, a, b } = await twoClientsInNewRoom();
    const wanted = recipe(4321);
    const hash = recipeHash(wanted);
    let countA = 0;
    a.on(EVENTS.frameReady, (f) => void (f.hash === hash && countA++));
    const arrived = nextFrame(b, hash);
    const acks = await Promise.all([ask(a, { roomId: room.id, recipe: wanted }), ask(b, { roomId: room.id, recipe: wanted })]);
    expect(acks).toEqual([{ ok: true, hash }, { ok: true, hash }]);
    await arrived;
    // A barrier: a frame asked for after both. Its job queues behind any second job for the
    // same recipe, and this stack's one worker answers and the hub broadcasts in queue order,
    // on a socket that keeps order: a (wrong) second broadcast would reach A before it.
    const barrier = recipe(4322);
    const afterBoth = nextFrame(a, recipeHash(barrier));
    await ask(a, { roomId: room.id, recipe: barrier });
    await afterBoth;
    expect(countA).toBe(1);
  });

  it("answers malformed payloads with a validation error and stays up", async () => {
    const { room, a } = await twoClientsInNewRoom();
    const bad = await ask(a, { roomId: room.id, recipe: { ...recipe(1), width: 99999, t: "half" } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe("VALIDATION_FAILED");
      expect(bad.error.issues?.join("\n")).toMatch(/recipe\.width/);
      expect(bad.error.issues?.join("\n")).toMatch(/recipe\.t/);
    }
    for (const junk of [null, 42, "frame", [1, 2], { roomId: room.id }]) {
      const answer = await ask(a, junk);
      expect(answer.ok ? "accepted" : answer.error.code).toBe("VALIDATION_FAILED");
    }
    const badJoin = await join(a, { nested: true });
    expect(badJoin.ok ? "accepted" : badJoin.error.code).toBe("VALIDATION_FAILED");
    // The server still renders afterwards.
    const hash = recipeHash(recipe(5));
    const arrived = nextFrame(a, hash);
    await ask(a, { roomId: room.id, recipe: recipe(5) });
    expect((await arrived).hash).toBe(hash);
  });

  it("refuses unknown rooms (socket and HTTP 404), other rooms than the token's, and requests before joining", async () => {
    const room = await stack.api.createRoom("Not joined");
    const s = await socketFor(room.id);
    const unknown = "5f0c7c55-0000-4000-8000-000000000000";
    const joined = await join(s, unknown);
    expect(joined.ok ? "accepted" : joined.error.code).toBe("FORBIDDEN");
    const response = await fetch(new URL(`/api/rooms/${unknown}`, stack.collab.url));
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("ROOM_NOT_FOUND");
    expect((await fetch(new URL("/api/rooms/not-a-uuid", stack.collab.url))).status).toBe(404);
    const early = await ask(s, { roomId: room.id, recipe: recipe(1) });
    expect(early.ok ? "accepted" : early.error.code).toBe("NOT_IN_ROOM");
  });

  it("validates room creation over HTTP", async () => {
    const post = (body: string) => fetch(new URL("/api/rooms", stack.collab.url), { method: "POST", headers: { "content-type": "application/json" }, body });
    const empty = await post(JSON.stringify({ name: "  " }));
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toMatch(/a room needs a name/);
    expect((await post("{not json")).status).toBe(400);
    expect((await post("x".repeat(70 * 1024))).status).toBe(413);
    const created = await post(JSON.stringify({ name: "Listed" }));
    expect(created.status).toBe(201);
    const room = await created.json();
    expect(room).toMatchObject({ id: expect.any(String), name: "Listed" });
    const list = await (await fetch(new URL("/api/rooms", stack.collab.url))).json();
    expect(list.rooms.map((r: { id: string }) => r.id)).toContain(room.id);
  });
});

describe("without a render worker", () => {
  it("answers a frame request with NO_WORKER", async () => {
    const stack = await startStack({ kind: "pglite", withWorker: false, open: true });
    try {
      const room = await stack.api.createRoom("Idle");
      const s = await connectRoomSocket(stack.collab.url, await stack.api.realtimeToken(room.id));
      await join(s, room.id);
      const answer = await ask(s, { roomId: room.id, recipe: recipe(1) });
      expect(answer.ok ? "accepted" : answer.error.code).toBe("NO_WORKER");
      s.close();
    } finally {
      await stack.close();
    }
  });
});

describe("the frame cache", () => {
  it("answers a recipe it has seen from the cache, without a worker", async () => {
    const stack = await startStack({ kind: "pglite", open: true });
    try {
      const room = await stack.api.createRoom("Cached");
      const s = await connectRoomSocket(stack.collab.url, await stack.api.realtimeToken(room.id));
      await join(s, room.id);
      const hash = recipeHash(recipe(900));
      const first = nextFrame(s, hash);
      await ask(s, { roomId: room.id, recipe: recipe(900) });
      const rendered = frameReadySchema.parse(await first);
      // Take the only worker away: a render is now impossible, a cache hit still works.
      stack.worker!.close();
      await expect.poll(async () => (await stack.api.expect(200, "GET", "/healthz")).workers).toBe(0);
      const again = nextFrame(s, hash);
      expect(await ask(s, { roomId: room.id, recipe: recipe(900) })).toEqual({ ok: true, hash });
      expect(Buffer.from(frameReadySchema.parse(await again).bytes).equals(Buffer.from(rendered.bytes))).toBe(true);
      const uncached = await ask(s, { roomId: room.id, recipe: recipe(901) });
      expect(uncached.ok ? "accepted" : uncached.error.code).toBe("NO_WORKER");
      const metrics = await stack.api.expect(200, "GET", "/metrics");
      expect(metrics.frameCache).toMatchObject({ frames: 1, bytes: expect.any(Number) });
      s.close();
    } finally {
      await stack.close();
    }
  });

  it("keeps frames on disk across a restart, and answers from there without a worker", async () => {
    const dir = await mkdtemp(joinPath(tmpdir(), "umbra-frames-"));
    const scratch = await createScratchTarget("pglite");
    try {
      let stack = await startStack({ kind: "pglite", open: true, scratch, frameCacheDir: dir });
      const room = await stack.api.createRoom("Kept");
      let s = await connectRoomSocket(stack.collab.url, await stack.api.realtimeToken(room.id));
      await join(s, room.id);
      const hash = recipeHash(recipe(950));
      const first = nextFrame(s, hash);
      await ask(s, { roomId: room.id, recipe: recipe(950) });
      const rendered = frameReadySchema.parse(await first);
      await expect.poll(async () => (await stack.api.expect(200, "GET", "/metrics")).frameCache.disk.frames).toBe(1);
      s.close();
      await stack.close();

      // A new hub over the same folder, with no worker at all.
      stack = await startStack({ kind: "pglite", open: true, scratch, frameCacheDir: dir, withWorker: false });
      try {
        s = await connectRoomSocket(stack.collab.url, await stack.api.realtimeToken(room.id));
        await join(s, room.id);
        const again = nextFrame(s, hash);
        expect(await ask(s, { roomId: room.id, recipe: recipe(950) })).toEqual({ ok: true, hash });
        expect(Buffer.from(frameReadySchema.parse(await again).bytes).equals(Buffer.from(rendered.bytes))).toBe(true);
        const uncached = await ask(s, { roomId: room.id, recipe: recipe(951) });
        expect(uncached.ok ? "accepted" : uncached.error.code).toBe("NO_WORKER");
        s.close();
      } finally {
        await stack.close();
      }
    } finally {
      await scratch.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
