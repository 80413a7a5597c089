// Two collab-servers on one Postgres, kept in step through a real Redis (REDIS_URL):
// stock y-websocket clients split across the servers co-edit one room through a seeded
// fuzz and converge, see each other's presence, a room's broadcasts reach sockets on both
// servers, a member removed on one server is shown
// out of the other, a server that loads the room later catches up, and what both
// servers stored reads back as the converged document. Frames: a server without a
// worker gets its frames from the other's, and both rooms see them.
// Runs where TEST_DATABASE_URL and TEST_REDIS_URL name servers on loopback (CI sets both).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DIRECTION_COUNT, SeededRandom, recipeHash, seedFrameRecipe } from "@umbra/latent";
import { RoomDoc } from "@umbra/doc";
import { randomCommand } from "@umbra/doc/testing";
import { createScratchTarget, type ScratchTarget } from "@umbra/db/testing";
import {
  DEFAULT_MODEL,
  EVENTS,
  YJS_CLOSE_CODES,
  type DirectionsLoadAck,
  type ExportJob,
  realtimeTokenSchema,
  type FrameFailed,
  type FrameReady,
  type FrameRequestAck,
  type PresenceState,
  type RoomJoinAck,
  type RoomRenamed,
  type SessionRevoked,
  type SessionRole,
} from "@umbra/protocol";
import { ApiClient, signUp } from "../support/api.js";
import { startFakeWorker } from "../support/fake-worker.js";
import { emitWithAck, joinedRoomSocket, startStack, type RoomSocket, type Stack } from "../support/stack.js";
import { connectDoc, type DocClient } from "../support/yjs-client.js";

const redisUrl = process.env.TEST_REDIS_URL;
const postgres = Boolean(process.env.TEST_DATABASE_URL);
if (!redisUrl || !postgres) console.log("cluster tests skipped: they need TEST_REDIS_URL and TEST_DATABASE_URL (.ci/run sets both when the servers answer on loopback)");

/** Everything a document holds, as one comparable value. */
const contentOf = (doc: Y.Doc) => new RoomDoc(doc).chains();

describe.skipIf(!redisUrl || !postgres)("two collab-servers through Redis", () => {
  let scratch: ScratchTarget;
  let a: Stack | undefined;
  let b: Stack | undefined;
  let owner: ApiClient;
  let roomId: string;
  const clients: DocClient[] = [];

  beforeAll(async () => {
    scratch = await createScratchTarget("postgres");
    const tokenSecret = randomBytes(32);
    a = await startStack({ kind: "postgres", scratch, withWorker: false, redisUrl, tokenSecret });
    b = await startStack({ kind: "postgres", scratch, withWorker: false, redisUrl, tokenSecret });
    owner = await signUp(a.collab.url, "owner");
    roomId = (await owner.createRoom("Split")).id;
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    await a?.close();
    await b?.close();
    await scratch?.dispose();
  });

  const join = async (stack: Stack) => {
    const client = connectDoc(stack.collab.url, roomId, await owner.realtimeToken(roomId));
    clients.push(client);
    await client.synced;
    return client;
  };

  it("converges clients on both servers through a seeded editing fuzz, and relays presence", async () => {
    const onA = [await join(a!), await join(a!)];
    const onB = [await join(b!), await join(b!)];
    const everyone = [...onA, ...onB];
    new RoomDoc(onA[0]!.doc).addChain({ name: "From A" });
    await expect.poll(() => contentOf(onB[1]!.doc).map((c) => c.name)).toEqual(["From A"]);

    // The seed fixes each client's choices given what it holds, not the order in which the
    // servers deliver the others' edits: that is real sockets' timing, which no seed here
    // controls, so two runs may interleave differently. The repeatable interleavings are in
    // packages/doc (doc-check.test.ts), whose seeded peers deliver in bursts the seed chooses;
    // this test shows convergence over the real servers whatever the order.
    const random = new SeededRandom(16);
    for (let step = 0; step < 200; step++) randomCommand(new RoomDoc(everyone[step % everyone.length]!.doc), random, step);
    const target = () => JSON.stringify(contentOf(onA[0]!.doc));
    await expect.poll(() => everyone.every((c) => JSON.stringify(contentOf(c.doc)) === target())).toBe(true);
    expect(contentOf(onA[0]!.doc).length).toBeGreaterThan(0);

    // Presence: a cursor moved by A's client shows on B's, and B's on A's.
    const grant = realtimeTokenSchema.parse(await owner.expect(200, "POST", `/api/rooms/${roomId}/token`));
    const user = { id: grant.user.id, name: grant.user.displayName, color: grant.user.color, role: grant.role };
    onA[0]!.provider.awareness.setLocalState({ user, cursor: { area: "stage", x: 0.25, y: 0.75 } });
    onB[0]!.provider.awareness.setLocalState({ user, cursor: { area: "timeline", x: 0.5, y: 0.5 } });
    const cursorOf = (viewer: DocClient, of: DocClient) => (viewer.provider.awareness.getStates().get(of.doc.clientID) as PresenceState | undefined)?.cursor;
    await expect.poll(() => cursorOf(onB[1]!, onA[0]!)).toEqual({ area: "stage", x: 0.25, y: 0.75 });
    await expect.poll(() => cursorOf(onA[1]!, onB[0]!)).toEqual({ area: "timeline", x: 0.5, y: 0.5 });
  });

  it("sends a room's broadcasts to its sockets on every server: a rename on A reaches B", async () => {
    const [onA, onB] = [await joinedRoomSocket(a!.collab.url, owner, roomId), await joinedRoomSocket(b!.collab.url, owner, roomId)];
    const heard = (socket: typeof onA) => new Promise<RoomRenamed>((resolve) => socket.once(EVENTS.roomRenamed, resolve));
    const [onAHeard, onBHeard] = [heard(onA), heard(onB)];
    await owner.expect(200, "PATCH", `/api/rooms/${roomId}`, { name: "Split, renamed on A" });
    expect(await onBHeard).toEqual({ roomId, name: "Split, renamed on A" });
    expect(await onAHeard).toEqual({ roomId, name: "Split, renamed on A" });
    onA.close();
    onB.close();
  });

  it("counts failed sign-ins across servers: five wrong passwords on A lock the account on B too", async () => {
    const victim = await signUp(a!.collab.url, "victim");
    const login = victim.session!.user.login;
    for (let i = 0; i < 5; i++) expect((await new ApiClient(a!.collab.url).call("POST", "/api/auth/login", { login, password: `wrong ${i}` })).status).toBe(401);
    const onB = await new ApiClient(b!.collab.url).call("POST", "/api/auth/login", { login, password: "a long enough password" });
    expect([onB.status, onB.body.error.code]).toEqual([429, "RATE_LIMITED"]);
    expect(onB.body.error.message).toMatch(/too many failed sign-ins for this account/);
  });

  /** A new editor, signed up on A, in the room on B on both channels. */
  async function editorOnB(prefix: string) {
    const { secret } = (await owner.expect(201, "POST", `/api/rooms/${roomId}/links`, { role: "editor" })) as { secret: string };
    const member = await signUp(a!.collab.url, prefix);
    await member.expect(200, "POST", `/api/invites/${secret}/accept`);
    const socket = await joinedRoomSocket(b!.collab.url, member, roomId);
    const doc = connectDoc(b!.collab.url, roomId, await member.realtimeToken(roomId));
    await doc.synced;
    return { member, socket, doc };
  }

  it("shows a member removed on one server out of the other, on both channels, saying why", async () => {
    const { member, socket, doc } = await editorOnB("member");
    const told = new Promise<SessionRevoked>((resolve) => socket.once(EVENTS.sessionRevoked, resolve));
    await owner.expect(200, "DELETE", `/api/rooms/${roomId}/members/${member.session!.user.id}`);
    const [closed, notice] = await Promise.all([doc.closed, told]);
    expect(closed.code).toBe(YJS_CLOSE_CODES.ACCESS_REVOKED);
    expect(notice.message).toMatch(/removed you/);
    socket.close();
    doc.destroy();
  });

  it("moves a member whose role changed on one server to it on the other, on both channels", async () => {
    const { member, socket, doc } = await editorOnB("demoted");
    const told = new Promise<SessionRole>((resolve) => socket.once(EVENTS.sessionRole, resolve));
    await owner.expect(200, "PATCH", `/api/rooms/${roomId}/members/${member.session!.user.id}`, { role: "commenter" });
    const [closed, notice] = await Promise.all([doc.closed, told]);
    expect(closed.reason).toMatch(/^ROLE_CHANGED/);
    expect(notice.role).toBe("commenter");
    socket.close();
    doc.destroy();
  });

  it("catches up a server that loads the room later, and what the servers stored reads back as the document", async () => {
    const writer = clients[0]!;
    const token = await owner.realtimeToken(roomId);
    new RoomDoc(writer.doc).addChain({ name: "Late news" });
    // A third server loads the room now: from the log, plus what the others hold beyond it.
    const c = await startStack({ kind: "postgres", scratch, withWorker: false, redisUrl, tokenSecret: b!.config.tokenSecret });
    try {
      const late = connectDoc(c.collab.url, roomId, token);
      await late.synced;
      await expect.poll(() => JSON.stringify(contentOf(late.doc))).toBe(JSON.stringify(contentOf(writer.doc)));
      late.destroy();
    } finally {
      await c.close();
    }
    const expected = JSON.stringify(contentOf(writer.doc));
    for (const client of clients.splice(0)) client.destroy();
    // Both servers flush on close; a server without Redis then reads the room from the log alone.
    await a!.close();
    await b!.close();
    a = b = undefined;
    const alone = await startStack({ kind: "postgres", scratch, withWorker: false, tokenSecret: c.config.tokenSecret });
    try {
      const reader = connectDoc(alone.collab.url, roomId, token);
      await reader.synced;
      expect(JSON.stringify(contentOf(reader.doc))).toBe(expected);
      reader.destroy();
    } finally {
      await alone.close();
    }
  });
});

describe.skipIf(!redisUrl || !postgres)("frames across two collab-servers", () => {
  let scratch: ScratchTarget;
  let withWorker: Stack;
  let without: Stack;
  let owner: ApiClient;
  let roomId: string;
  const sockets: RoomSocket[] = [];

  beforeAll(async () => {
    scratch = await createScratchTarget("postgres");
    const tokenSecret = randomBytes(32);
    withWorker = await startStack({ kind: "postgres", scratch, redisUrl, tokenSecret });
    without = await startStack({ kind: "postgres", scratch, withWorker: false, redisUrl, tokenSecret });
    owner = await signUp(withWorker.collab.url, "owner");
    roomId = (await owner.createRoom("Frames")).id;
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await without?.close();
    await withWorker?.close();
    await scratch?.dispose();
  });

  const socketOn = async (stack: Stack) => {
    const socket = await joinedRoomSocket(stack.collab.url, owner, roomId);
    sockets.push(socket);
    return socket;
  };
  const frameFor = (socket: RoomSocket, hash: string) =>
    new Promise<FrameReady | FrameFailed>((resolve) => {
      socket.on(EVENTS.frameReady, (frame: FrameReady) => frame.hash === hash && resolve(frame));
      socket.on(EVENTS.frameFailed, (failed: FrameFailed) => failed.hash === hash && resolve(failed));
    });

  it("cancels from a socket on the other server an export that a server runs", async () => {
    const writer = connectDoc(withWorker.collab.url, roomId, await owner.realtimeToken(roomId));
    await writer.synced;
    const doc = new RoomDoc(writer.doc);
    const chainId = doc.addChain({ name: "Long walk" });
    const first = doc.addKeyframe(chainId, { seed: 1 })!;
    doc.addKeyframe(chainId, { seed: 2 });
    doc.setTransition(chainId, first, { frames: 400 });
    const [runner, elsewhere] = [await socketOn(withWorker), await socketOn(without)];
    const heard: ExportJob[] = [];
    elsewhere.on(EVENTS.exportUpdated, (job: ExportJob) => heard.push(job));
    const started = await emitWithAck<{ ok: true; export: ExportJob }>(runner, EVENTS.exportStart, { settings: { chainId, format: "avi", size: 256, fps: 24 } });
    await expect.poll(() => heard.some((job) => job.id === started.export.id && job.framesDone > 0), { timeout: 120_000 }).toBe(true);
    const cancel = await emitWithAck<{ ok: boolean; export?: ExportJob }>(elsewhere, EVENTS.exportCancel, { exportId: started.export.id });
    expect(cancel).toMatchObject({ ok: true, export: { id: started.export.id } });
    await expect.poll(() => heard.find((job) => job.id === started.export.id && job.status !== "running" && job.status !== "queued")?.status, { timeout: 60_000 }).toBe("cancelled");
    writer.destroy();
  });

  it("gives directions and a keyframe's w on a server without a worker, from the other server's worker", async () => {
    const faces = (await owner.createRoom("Faces", { model: DEFAULT_MODEL })).id;
    const socket = await joinedRoomSocket(without.collab.url, owner, faces);
    sockets.push(socket);
    const answer = await emitWithAck<DirectionsLoadAck>(socket, EVENTS.directionsLoad, { roomId: faces, snapshot: "default", latent: { seed: 5 } });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.directions).toHaveLength(DIRECTION_COUNT);
    // The same as the worker's own server gives.
    const direct = await joinedRoomSocket(withWorker.collab.url, owner, faces);
    sockets.push(direct);
    expect(await emitWithAck<DirectionsLoadAck>(direct, EVENTS.directionsLoad, { roomId: faces, snapshot: "default", latent: { seed: 5 } })).toEqual(answer);
    // A snapshot the model lacks is refused with the reason, as on one server.
    const unknown = await emitWithAck<DirectionsLoadAck>(socket, EVENTS.directionsLoad, { roomId: faces, snapshot: "no-such-snapshot", latent: { seed: 5 } });
    expect(unknown).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no snapshot "no-such-snapshot"/) } });
  });

  it("renders on the other server's worker what a server without one is asked for, shows it to the room on both, and serves it from cache after", async () => {
    const [onWorkerless, onWorker] = [await socketOn(without), await socketOn(withWorker)];
    // The worker-less server lists the other's worker, so its studio asks for frames.
    const workersSeen = async () => {
      const ack = await emitWithAck<RoomJoinAck>(onWorkerless, EVENTS.roomJoin, { roomId });
      return ack.ok ? ack.workers.map((w) => w.name) : ack.error.message;
    };
    await expect.poll(workersSeen).toEqual(["test-worker"]);
    const recipe = seedFrameRecipe("builtin/cppn", 77, { width: 64, height: 64 });
    const hash = recipeHash(recipe);
    const [asked, preview] = [frameFor(onWorkerless, hash), frameFor(onWorker, hash)];
    expect(await emitWithAck<FrameRequestAck>(onWorkerless, EVENTS.frameRequest, { roomId, recipe })).toEqual({ ok: true, hash });
    const frame = (await asked) as FrameReady;
    expect(frame).toMatchObject({ hash, recipe, width: 64, shared: true });
    expect(await preview).toMatchObject({ hash, shared: true });
    // Asked for on A now, it comes from A's cache, and still reaches the room on B.
    const fromCache = frameFor(onWorkerless, hash);
    expect(await emitWithAck<FrameRequestAck>(onWorker, EVENTS.frameRequest, { roomId, recipe })).toEqual({ ok: true, hash });
    expect(await fromCache).toMatchObject({ hash, shared: true });
    // A second person on the worker-less server gets it from that server's cache: the worker is gone.
    await withWorker.worker!.close();
    const later = await socketOn(without);
    const again = frameFor(later, hash);
    expect(await emitWithAck<FrameRequestAck>(later, EVENTS.frameRequest, { roomId, recipe })).toEqual({ ok: true, hash });
    expect(await again).toMatchObject({ hash, width: 64 });
  });

  it("refuses at once a frame whose model no server's worker has", async () => {
    const socket = await socketOn(without);
    const recipe = seedFrameRecipe("user/nobody-has-it", 1, { width: 64, height: 64 });
    const answer = await emitWithAck<FrameRequestAck>(socket, EVENTS.frameRequest, { roomId, recipe });
    expect(answer).toMatchObject({ ok: false, error: { code: "NO_WORKER" } });
  });
});

describe.skipIf(!redisUrl || !postgres)("identical frames asked of two collab-servers that each have a worker", () => {
  it("renders once, on one worker, and both rooms get the frame", async () => {
    const scratch = await createScratchTarget("postgres");
    const tokenSecret = randomBytes(32);
    const [a, b] = [
      await startStack({ kind: "postgres", scratch, withWorker: false, redisUrl, tokenSecret }),
      await startStack({ kind: "postgres", scratch, withWorker: false, redisUrl, tokenSecret }),
    ];
    // Slow enough that both requests are in before either worker could answer.
    const workers = [await startFakeWorker(a.collab.url, { name: "on-a", maxBatch: 4, msPerFrame: 300 }), await startFakeWorker(b.collab.url, { name: "on-b", maxBatch: 4, msPerFrame: 300 })];
    try {
      const owner = await signUp(a.collab.url, "owner");
      const roomId = (await owner.createRoom("Twice asked")).id;
      const [onA, onB] = [await joinedRoomSocket(a.collab.url, owner, roomId), await joinedRoomSocket(b.collab.url, owner, roomId)];
      const recipes = [5, 6, 7].map((seed) => seedFrameRecipe("builtin/cppn", seed, { width: 64, height: 64 }));
      const frameOn = (socket: RoomSocket, hash: string) => new Promise<FrameReady>((resolve) => socket.on(EVENTS.frameReady, (frame: FrameReady) => frame.hash === hash && resolve(frame)));
      const arriving = recipes.flatMap((recipe) => [frameOn(onA, recipeHash(recipe)), frameOn(onB, recipeHash(recipe))]);
      await Promise.all(
        recipes.flatMap((recipe) => [
          emitWithAck<FrameRequestAck>(onA, EVENTS.frameRequest, { roomId, recipe }),
          emitWithAck<FrameRequestAck>(onB, EVENTS.frameRequest, { roomId, recipe }),
        ]),
      );
      const frames = await Promise.all(arriving);
      const rendered = workers.flatMap((w) => w.batches.flat());
      expect(rendered.sort(), "each frame went to one worker, once").toEqual(recipes.map((r) => recipeHash(r)).sort());
      // Both rooms got the bytes of the one render.
      for (let i = 0; i < recipes.length; i++) expect(Buffer.from(frames[2 * i]!.bytes as ArrayBuffer)).toEqual(Buffer.from(frames[2 * i + 1]!.bytes as ArrayBuffer));
      onA.close();
      onB.close();
    } finally {
      for (const worker of workers) worker.close();
      await a.close();
      await b.close();
      await scratch.dispose();
    }
  });
});
