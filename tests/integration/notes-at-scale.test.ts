// Notes at scale, over real socket.io clients and HTTP, on PGlite and (with TEST_DATABASE_URL)
// Postgres: a room of 10,000 notes written in bulk loads as summaries, asks only for what
// changed, and loads threads whole on demand; thumbnails are files behind the room's access
// check; one person's write budget holds whichever connection they use (across two
// collab-servers through Redis, where CI has one); and each room cap is refused at its edge.
// A server keeps everyone's part of a room's summaries between joins: every change still shows.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchTarget, scratchKinds, type ScratchTarget } from "@umbra/db/testing";
import { seedFrameRecipe } from "@umbra/latent";
import {
  COMMENT_LIMITS,
  EVENTS,
  threadSummaryPackSchema,
  threadsLoadAckSchema,
  unpackJson,
  type DrawingObject,
  type ErrorInfo,
  type Thread,
  type ThreadCreate,
  type ThreadSummaryPack,
} from "@umbra/protocol";
import { invitedAs, signUp, type ApiClient } from "../support/api.js";
import { THUMBNAIL, addBulkNotes } from "../support/bulk-notes.js";
import { emitWithAck, joinedRoomSocket, startStack, type RoomSocket, type Stack } from "../support/stack.js";

/** Any answer of the note events, loosely typed: a test reads the fields it expects. */
interface Answer {
  ok: boolean;
  thread: Thread;
  threads: Thread[];
  pack: Uint8Array;
  error: ErrorInfo;
}

/** Another frame's thumbnail: a JPEG's first bytes, differing from THUMBNAIL's. */
const OTHER_THUMBNAIL = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAg==";

const note = (body: string, thumbnail = THUMBNAIL): ThreadCreate => ({
  anchor: { kind: "keyframe", chainId: "chain", keyframeId: "first" },
  recipe: seedFrameRecipe("builtin/cppn", 3),
  thumbnail,
  body,
});

async function summaryPack(socket: RoomSocket, since?: string): Promise<ThreadSummaryPack> {
  const answer = threadsLoadAckSchema.parse(await emitWithAck(socket, EVENTS.threadsLoad, since ? { since } : {}));
  if (!answer.ok) throw new Error(answer.error.message);
  return threadSummaryPackSchema.parse(await unpackJson(answer.pack));
}

describe.each(scratchKinds())("a room of 10,000 notes on %s", (kind) => {
  let stack: Stack;
  let owner: ApiClient;
  let roomId: string;
  let socket: RoomSocket;

  beforeAll(async () => {
    stack = await startStack({ kind, withWorker: false });
    owner = await signUp(stack.collab.url, "owner");
    roomId = (await owner.createRoom("Feature review")).id;
    await addBulkNotes(stack.database.prisma, { roomId, model: "builtin/cppn", authorId: owner.session!.user.id, chainId: "chain", fromKeyframeId: "first", threads: 10_000, commentsPerThread: 5 });
    socket = await joinedRoomSocket(stack.collab.url, owner, roomId);
  }, 120_000);
  afterAll(async () => {
    socket?.close();
    await stack?.close();
  });

  it("loads every note's summary on join, then only what changed since, and a thread's comments when asked for", async () => {
    const pack = await summaryPack(socket);
    expect(pack.summaries).toHaveLength(10_000);
    expect(pack.reader).toEqual({ userId: owner.session!.user.id, localName: null });
    // In the order written, each at its own t, with its comments counted but not sent.
    expect(pack.summaries[0]).toMatchObject({ anchor: { kind: "transition", t: 0 }, comments: 5, status: "open", youWrote: true, drawn: false, author: { name: "Reviewer 1" } });
    expect(pack.summaries[9_999]!.anchor).toMatchObject({ t: 0.9999 });

    // Nothing changed since: nothing comes. A reply and a resolve later: those threads alone.
    expect((await summaryPack(socket, pack.asOf)).summaries).toEqual([]);
    const [replied, resolved] = [pack.summaries[17]!.id, pack.summaries[4_242]!.id];
    expect(((await emitWithAck(socket, EVENTS.commentAdd, { threadId: replied, body: "Sixth" })) as Answer).ok).toBe(true);
    expect(((await emitWithAck(socket, EVENTS.threadResolve, { threadId: resolved, resolved: true })) as Answer).ok).toBe(true);
    const changed = await summaryPack(socket, pack.asOf);
    expect(changed.summaries.map((s) => s.id).sort()).toEqual([replied, resolved].sort());
    expect(changed.summaries.find((s) => s.id === replied)?.comments).toBe(6);
    expect(changed.summaries.find((s) => s.id === resolved)?.status).toBe("resolved");

    // A text search answers ids, bounded: LIKE's wildcards in the text are only text.
    const search = async (text: string) => (await emitWithAck(socket, EVENTS.threadsSearch, { text })) as { ok: boolean; ids: string[]; more: boolean };
    expect(await search("sixth")).toEqual({ ok: true, ids: [replied], more: false });
    const every = await search("ON THIS NOTE");
    expect([every.ids.length, every.more]).toEqual([COMMENT_LIMITS.searchThreads, true]);
    expect((await search("comment_1%")).ids).toEqual([]);
    expect(((await emitWithAck(socket, EVENTS.threadsSearch, { text: "  " })) as Answer).error.message).toMatch(/search for some text/);

    // A screenful of threads whole; more than one answer holds is refused, and another room's ids are left out.
    const ids = pack.summaries.slice(500, 500 + COMMENT_LIMITS.fetchThreads).map((s) => s.id);
    const whole = (await emitWithAck(socket, EVENTS.threadsFetch, { ids: [...ids, "not-a-thread"] })) as Answer;
    expect(whole.ok).toBe(false);
    const fetched = (await emitWithAck(socket, EVENTS.threadsFetch, { ids })) as Answer;
    expect(fetched.threads.map((t) => t.id).sort()).toEqual([...ids].sort());
    expect(fetched.threads[0]!.comments.map((c) => c.body)).toEqual([1, 2, 3, 4, 5].map((n) => `comment ${n} on this note`));
    const otherRoom = (await owner.createRoom("Elsewhere")).id;
    const elsewhere = await joinedRoomSocket(stack.collab.url, owner, otherRoom);
    expect(((await emitWithAck(elsewhere, EVENTS.threadsFetch, { ids: ids.slice(0, 3) })) as Answer).threads).toEqual([]);
    elsewhere.close();
  });

  // Everyone's part of a whole room's summaries is kept between joins (RoomSummaryCache): each reader's own marks, and every change, must still show.
  it("gives each reader their own marks on every full load, and shows each change to a note in the next one", async () => {
    const reviewer = await invitedAs(owner, roomId, "reviewer", "commenter");
    const theirSocket = await joinedRoomSocket(stack.collab.url, reviewer, roomId);
    try {
      const before = await summaryPack(socket);
      const theirs = await summaryPack(theirSocket);
      expect(theirs.summaries.map((s) => s.id)).toEqual(before.summaries.map((s) => s.id));
      // The bulk notes are all the owner's: theirs to the owner, unread and not theirs to the reviewer.
      expect(before.summaries[0]).toMatchObject({ youWrote: true });
      expect(theirs.summaries.every((s) => s.unread && !s.youWrote && !s.mentionsYou)).toBe(true);

      // Two replies at once, a resolve and a delete: each shows in the very next load.
      const [replied, resolved, deleted] = [before.summaries[100]!, before.summaries[200]!, before.summaries[300]!];
      const replies = (await Promise.all(["One", "Two"].map((body) => emitWithAck(theirSocket, EVENTS.commentAdd, { threadId: replied.id, body })))) as Answer[];
      expect(replies.every((a) => a.ok)).toBe(true);
      let after = await summaryPack(socket);
      expect(after.summaries.find((s) => s.id === replied.id)).toMatchObject({ comments: replied.comments + 2, unread: true, youWrote: true });
      expect((await summaryPack(theirSocket)).summaries.find((s) => s.id === replied.id)).toMatchObject({ youWrote: true, comments: replied.comments + 2 });
      expect(((await emitWithAck(socket, EVENTS.threadResolve, { threadId: resolved.id, resolved: true })) as Answer).ok).toBe(true);
      expect((await summaryPack(theirSocket)).summaries.find((s) => s.id === resolved.id)?.status).toBe("resolved");
      expect(((await emitWithAck(socket, EVENTS.threadsBulk, { action: "delete", match: { ids: [deleted.id] } })) as Answer).ok).toBe(true);
      after = await summaryPack(socket);
      expect(after.summaries.map((s) => s.id)).not.toContain(deleted.id);
      expect(after.summaries).toHaveLength(before.summaries.length - 1);
    } finally {
      theirSocket.close();
    }
  });

  it("answers the same summaries over HTTP, for the room page, and nothing where the page asked for a small room's only", async () => {
    const overSocket = await summaryPack(socket);
    const overHttp = await owner.download(`/api/rooms/${roomId}/threads/summaries`);
    expect(overHttp.status).toBe(200);
    const pack = threadSummaryPackSchema.parse(await unpackJson(new Uint8Array(overHttp.bytes)));
    expect(pack.summaries).toEqual(overSocket.summaries);
    // Packed, the join's notes of this room are a fraction of their JSON.
    expect(overHttp.bytes.length).toBeLessThan(JSON.stringify(pack).length / 5);
    expect((await owner.download(`/api/rooms/${roomId}/threads/summaries?max=1000`)).status).toBe(204);
    expect((await owner.download(`/api/rooms/${roomId}/threads/summaries?max=many`)).status).toBe(400);
    const outsider = await signUp(stack.collab.url, "outsider");
    expect((await outsider.download(`/api/rooms/${roomId}/threads/summaries`)).status).toBe(404);
  });
});

describe("budgets, caps and thumbnails of notes", () => {
  const WRITES_PER_MINUTE = 12;
  let stack: Stack;
  let owner: ApiClient;
  const sockets: RoomSocket[] = [];

  async function roomWith(name: string): Promise<{ roomId: string; socket: RoomSocket }> {
    const roomId = (await owner.createRoom(name)).id;
    const socket = await joinedRoomSocket(stack.collab.url, owner, roomId);
    sockets.push(socket);
    return { roomId, socket };
  }
  const emit = (socket: RoomSocket, event: string, payload: unknown) => emitWithAck(socket, event, payload) as Promise<Answer>;

  beforeAll(async () => {
    stack = await startStack({
      kind: "pglite",
      withWorker: false,
      notes: { writesPerMinute: WRITES_PER_MINUTE, threadsPerRoom: 3, commentsPerThread: 3, drawingPointsPerRoom: 60, bytesPerRoom: 12_000 },
    });
    owner = await signUp(stack.collab.url, "owner");
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await stack?.close();
  });

  it("holds one person to their budget whichever of 8 connections they use, while others' notes go through and the room opens", async () => {
    const { roomId } = await roomWith("Flooded");
    const flooder = await invitedAs(owner, roomId, "flooder", "commenter");
    const connections = await Promise.all(Array.from({ length: 8 }, () => joinedRoomSocket(stack.collab.url, flooder, roomId)));
    sockets.push(...connections);
    const target = await emit(connections[0]!, EVENTS.threadCreate, note("The first of many"));
    expect(target.ok).toBe(true);
    // Forty arrows at once, five by each connection: the budget is the person's, not each connection's.
    const arrow = (id: string): DrawingObject => ({ id, kind: "arrow", color: "#ff5a5f", width: 3, points: [[0.1, 0.1], [0.4, 0.4]] });
    const clean = await Promise.all(
      connections.flatMap((socket, c) => Array.from({ length: 5 }, (_, i) => emit(socket, EVENTS.drawingChange, { op: "put", threadId: target.thread.id, object: arrow(`arrow-${c}-${i}`) }))),
    );
    const accepted = clean.filter((a) => a.ok).length;
    expect(accepted).toBe(WRITES_PER_MINUTE - 1);
    const refused = clean.filter((a) => !a.ok);
    expect(refused.every((a) => a.error.code === "RATE_LIMITED")).toBe(true);
    expect(refused[0]!.error.message).toMatch(/12 note changes in this room in the last minute/);
    // Someone else is not held by it; the flooder can still read the room, and write in another.
    const other = await invitedAs(owner, roomId, "other", "commenter");
    const otherSocket = await joinedRoomSocket(stack.collab.url, other, roomId);
    sockets.push(otherSocket);
    expect((await emit(otherSocket, EVENTS.commentAdd, { threadId: target.thread.id, body: "Still heard" })).ok).toBe(true);
    expect((await summaryPack(connections[3]!)).summaries).toHaveLength(1);
  });

  it("refuses each room cap at its edge, with its sentence, and tells the owner how much is used", async () => {
    const threads = await roomWith("Three notes");
    for (let i = 0; i < 3; i++) expect((await emit(threads.socket, EVENTS.threadCreate, note(`Note ${i}`))).ok).toBe(true);
    const fourth = await emit(threads.socket, EVENTS.threadCreate, note("One too many"));
    expect([fourth.error?.code, fourth.error?.message]).toEqual(["PAYLOAD_TOO_LARGE", expect.stringMatching(/holds at most 3 notes/)]);

    const comments = await roomWith("Three comments");
    const { thread } = await emit(comments.socket, EVENTS.threadCreate, note("First"));
    for (const body of ["Second", "Third"]) expect((await emit(comments.socket, EVENTS.commentAdd, { threadId: thread.id, body })).ok).toBe(true);
    const fourthComment = await emit(comments.socket, EVENTS.commentAdd, { threadId: thread.id, body: "Fourth" });
    expect(fourthComment.error?.message).toMatch(/a note holds at most 3 comments/);

    const drawing = await roomWith("Sixty points");
    const drawn = (await emit(drawing.socket, EVENTS.threadCreate, note("Draw here"))).thread;
    const stroke = (id: string, points: number): DrawingObject => ({ id, kind: "stroke", color: "#ff0000", width: 3, points: Array.from({ length: points }, (_, i) => [i / points, 0.5] as [number, number]) });
    expect((await emit(drawing.socket, EVENTS.drawingChange, { op: "put", threadId: drawn.id, object: stroke("a", 50) })).ok).toBe(true);
    const over = await emit(drawing.socket, EVENTS.drawingChange, { op: "put", threadId: drawn.id, object: stroke("b", 20) });
    expect(over.error?.message).toMatch(/drawings hold at most 60 points in all/);

    const bytes = await roomWith("Twelve thousand bytes");
    for (const i of [1, 2]) expect((await emit(bytes.socket, EVENTS.threadCreate, note("x".repeat(5000 - i)))).ok).toBe(true);
    const tooMuch = await emit(bytes.socket, EVENTS.threadCreate, note("y".repeat(3000)));
    expect(tooMuch.error?.message).toMatch(/notes hold at most 12 kB of text, thumbnails and drawings/);

    const usage = await owner.expect(200, "GET", `/api/rooms/${bytes.roomId}/notes/usage`);
    expect(usage).toEqual({ threads: 2, bytes: expect.any(Number), drawingPoints: 0, limits: { threads: 3, bytes: 12_000, drawingPoints: 60, commentsPerThread: 3, writesPerMinute: WRITES_PER_MINUTE } });
    expect((usage as { bytes: number }).bytes).toBeGreaterThan(9_990);
    const commenter = await invitedAs(owner, bytes.roomId, "commenter", "commenter");
    expect((await commenter.call("GET", `/api/rooms/${bytes.roomId}/notes/usage`)).status).toBe(403);
  });

  it("lets the owner resolve and delete many notes at once; others learn it, a deleted note's thumbnail goes, and a reply to it is told why", async () => {
    const { roomId, socket: ownerSocket } = await roomWith("Tidy");
    const reviewer = await invitedAs(owner, roomId, "reviewer", "commenter");
    const reviewerSocket = await joinedRoomSocket(stack.collab.url, reviewer, roomId);
    sockets.push(reviewerSocket);
    const own = (await emit(ownerSocket, EVENTS.threadCreate, note("The owner's own"))).thread;
    // The reviewer's notes pin another frame: a thumbnail of their own.
    const theirs = [];
    for (const body of ["First pass", "Second pass"]) theirs.push((await emit(reviewerSocket, EVENTS.threadCreate, note(body, OTHER_THUMBNAIL))).thread);
    const before = await summaryPack(reviewerSocket);

    const refused = await emit(reviewerSocket, EVENTS.threadsBulk, { action: "delete", match: { author: owner.session!.user.id } });
    expect([refused.error?.code, refused.error?.message]).toEqual(["FORBIDDEN", "only the room's owner resolves or deletes many notes at once"]);
    expect((await emit(ownerSocket, EVENTS.threadsBulk, { action: "delete", match: {} })).error?.message).toMatch(/say which notes/);

    let told = 0;
    reviewerSocket.on(EVENTS.threadsChanged, () => told++);
    const resolved = (await emitWithAck(ownerSocket, EVENTS.threadsBulk, { action: "resolve", match: { author: reviewer.session!.user.id } })) as { ok: boolean; count: number };
    expect(resolved).toEqual({ ok: true, count: 2 });
    await expect.poll(() => told).toBe(1);
    // What changed since comes again (with what changed just before, within the margin kept for clocks).
    const afterResolve = await summaryPack(reviewerSocket, before.asOf);
    const statuses = Object.fromEntries(afterResolve.summaries.map((t) => [t.id, t.status]));
    expect([statuses[theirs[0]!.id], statuses[theirs[1]!.id], statuses[own.id] ?? "open"]).toEqual(["resolved", "resolved", "open"]);

    const deleted = (await emitWithAck(ownerSocket, EVENTS.threadsBulk, { action: "delete", match: { resolvedDaysAgo: 0 } })) as { ok: boolean; count: number };
    expect(deleted).toEqual({ ok: true, count: 2 });
    await expect.poll(() => told).toBe(2);
    const afterDelete = await summaryPack(reviewerSocket, afterResolve.asOf);
    expect(afterDelete.deleted.sort()).toEqual(theirs.map((t) => t.id).sort());
    expect((await summaryPack(reviewerSocket)).summaries.map((t) => t.id)).toEqual([own.id]);
    // Their thumbnail went with them; the owner's stays.
    expect((await owner.download(`/api/rooms/${roomId}/thumbnails/${theirs[0]!.thumbnail}`)).status).toBe(404);
    expect(await stack.database.prisma.noteThumbnail.count({ where: { hash: theirs[0]!.thumbnail! } })).toBe(0);
    expect((await owner.download(`/api/rooms/${roomId}/thumbnails/${own.thumbnail}`)).status).toBe(200);
    // Someone still looking at a deleted note and answering it is told what happened.
    const late = await emit(reviewerSocket, EVENTS.commentAdd, { threadId: theirs[0]!.id, body: "Wait, one more thing" });
    expect([late.error?.code, late.error?.message]).toEqual(["NOT_FOUND", "this note was deleted by the room's owner"]);
  });

  it("serves a note's thumbnail as a file kept for good, to the room's people only, and refuses one that is not a JPEG", async () => {
    const { roomId, socket } = await roomWith("Thumbnails");
    const { thread } = await emit(socket, EVENTS.threadCreate, note("Pinned"));
    const expected = Buffer.from(THUMBNAIL.slice("data:image/jpeg;base64,".length), "base64");
    const first = await owner.download(`/api/rooms/${roomId}/thumbnails/${thread.thumbnail}`);
    expect([first.status, first.headers.get("content-type"), first.headers.get("cache-control")]).toEqual([200, "image/jpeg", "private, max-age=31536000, immutable"]);
    expect(first.bytes.equals(expected)).toBe(true);
    const again = await owner.download(`/api/rooms/${roomId}/thumbnails/${thread.thumbnail}`, { "if-none-match": first.headers.get("etag")! });
    expect([again.status, again.bytes.length]).toEqual([304, 0]);
    // An outsider, and this room's thumbnail asked for through another room, find nothing.
    const outsider = await signUp(stack.collab.url, "outsider");
    expect((await outsider.download(`/api/rooms/${roomId}/thumbnails/${thread.thumbnail}`)).status).toBe(404);
    const { roomId: other } = await roomWith("No thumbnails");
    expect((await owner.download(`/api/rooms/${other}/thumbnails/${thread.thumbnail}`)).status).toBe(404);
    // The same frame pinned twice is kept once.
    await emit(socket, EVENTS.threadCreate, note("Pinned again"));
    expect(await stack.database.prisma.noteThumbnail.count({ where: { hash: thread.thumbnail! } })).toBe(1);
    const png = await emit(socket, EVENTS.threadCreate, note("Not a JPEG", "data:image/jpeg;base64,iVBORw0KGgo="));
    expect([png.error?.code, png.error?.message]).toEqual(["VALIDATION_FAILED", "a note's thumbnail is not a JPEG image"]);
  });
});

const redisUrl = process.env.TEST_REDIS_URL;
const postgres = Boolean(process.env.TEST_DATABASE_URL);

describe.skipIf(!redisUrl || !postgres)("one person's note budget across two collab-servers through Redis", () => {
  let scratch: ScratchTarget;
  const stacks: Stack[] = [];
  const sockets: RoomSocket[] = [];

  beforeAll(async () => {
    scratch = await createScratchTarget("postgres");
    const tokenSecret = randomBytes(32);
    for (let i = 0; i < 2; i++) stacks.push(await startStack({ kind: "postgres", scratch, withWorker: false, redisUrl, tokenSecret, notes: { writesPerMinute: 10 } }));
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    for (const stack of stacks) await stack.close();
    await scratch?.dispose();
  });

  it("counts a person's writes on both servers against one budget", async () => {
    const owner = await signUp(stacks[0]!.collab.url, "owner");
    const roomId = (await owner.createRoom("Shared budget")).id;
    const connections = await Promise.all(Array.from({ length: 8 }, (_, i) => joinedRoomSocket(stacks[i % 2]!.collab.url, owner, roomId)));
    sockets.push(...connections);
    const { thread } = (await emitWithAck(connections[0]!, EVENTS.threadCreate, note("Across servers"))) as Answer;
    const answers = (await Promise.all(connections.flatMap((socket) => [1, 2, 3].map((n) => emitWithAck(socket, EVENTS.commentAdd, { threadId: thread.id, body: `reply ${n}` }))))) as Answer[];
    expect(answers.filter((a) => a.ok)).toHaveLength(9);
    expect(answers.filter((a) => !a.ok).every((a) => a.error.code === "RATE_LIMITED")).toBe(true);
  });

  // Each server keeps rooms' summaries between joins: a change made through the other must still show.
  it("shows a note changed through one server in the other's next full load", async () => {
    const owner = await signUp(stacks[0]!.collab.url, "keeper");
    const roomId = (await owner.createRoom("Two servers, one room")).id;
    const [first, second] = await Promise.all(stacks.map((stack) => joinedRoomSocket(stack.collab.url, owner, roomId)));
    sockets.push(first!, second!);
    const { thread } = (await emitWithAck(first!, EVENTS.threadCreate, note("Kept on both"))) as Answer;
    expect((await summaryPack(first!)).summaries.map((s) => [s.id, s.comments])).toEqual([[thread.id, 1]]);
    expect(((await emitWithAck(second!, EVENTS.commentAdd, { threadId: thread.id, body: "From the other server" })) as Answer).ok).toBe(true);
    expect((await summaryPack(first!)).summaries.map((s) => [s.id, s.comments])).toEqual([[thread.id, 2]]);
    expect(((await emitWithAck(second!, EVENTS.threadsBulk, { action: "delete", match: { ids: [thread.id] } })) as Answer).ok).toBe(true);
    expect((await summaryPack(first!)).summaries).toEqual([]);
  });
});
