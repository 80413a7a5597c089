// Review threads over real socket.io clients, on PGlite and (with TEST_DATABASE_URL) Postgres:
// the whole lifecycle, who may do what, drawing by two people at once, limits, a restart,
// and the notes export, with anchors placed on the chain through real Yjs edits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchTarget, scratchKinds, type ScratchTarget } from "@umbra/db/testing";
import { RoomDoc, anchorAt, frameRecipeAt } from "@umbra/doc";
import {
  COMMENT_LIMITS,
  EVENTS,
  type DrawingChange,
  type DrawingObject,
  type ErrorInfo,
  type Role,
  type Thread,
  type ThreadCreate,
  type ThreadSummary,
  threadSummaryPackSchema,
  threadsLoadAckSchema,
  unpackJson,
} from "@umbra/protocol";
import { ApiClient, signUp } from "../support/api.js";
import { emitWithAck, joinedRoomSocket, startStack, type RoomSocket, type Stack } from "../support/stack.js";
import { connectDoc } from "../support/yjs-client.js";

const MODEL = "builtin/cppn";
const THUMBNAIL = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQ==";

/** Any answer of the comment events, loosely typed for assertions: a test reads the fields it expects. */
interface Answer {
  ok: boolean;
  thread: Thread;
  threads: Thread[];
  error: ErrorInfo;
}
type Emit = (event: string, payload: unknown) => Promise<Answer>;

interface Person {
  api: ApiClient;
  socket: RoomSocket;
  emit: Emit;
  heard: Thread[];
  drawn: DrawingChange[];
}

describe.each(scratchKinds())("review threads on %s", (kind) => {
  let scratch: ScratchTarget;
  let stack: Stack;
  let roomId: string;
  let chainId: string;
  let transitionFrom: string;
  const people = new Map<Role | "outsider", Person>();
  const sockets: RoomSocket[] = [];

  async function enter(api: ApiClient): Promise<Person> {
    const socket = await joinedRoomSocket(stack.collab.url, api, roomId);
    sockets.push(socket);
    const person: Person = { api, socket, emit: (event, payload) => emitWithAck(socket, event, payload), heard: [], drawn: [] };
    socket.on(EVENTS.threadUpdated, (thread) => person.heard.push(thread));
    socket.on(EVENTS.drawingChanged, (change) => person.drawn.push(change));
    return person;
  }
  const who = (role: Role | "outsider") => people.get(role)!;

  /** What a join brings: every thread's summary, unpacked and checked as the studio does. */
  async function summariesFor(person: Person): Promise<ThreadSummary[]> {
    const answer = threadsLoadAckSchema.parse(await person.emit(EVENTS.threadsLoad, {}));
    if (!answer.ok) throw new Error(answer.error.message);
    return threadSummaryPackSchema.parse(await unpackJson(answer.pack)).summaries;
  }
  /** One thread, whole, as the studio loads it when it is opened. */
  async function wholeThread(person: Person, id: string): Promise<Thread> {
    const answer = await person.emit(EVENTS.threadsFetch, { ids: [id] });
    expect(answer.threads).toHaveLength(1);
    return answer.threads[0]!;
  }

  /** A note at frame 36 of the chain (t = 0.5 of its second transition), as the studio sends it. */
  async function noteAt36(body: string, mentions: string[] = []): Promise<ThreadCreate> {
    const reader = connectDoc(stack.collab.url, roomId, await who("owner").api.realtimeToken(roomId));
    await reader.synced;
    const chain = new RoomDoc(reader.doc).chain(chainId)!;
    reader.destroy();
    return { anchor: anchorAt(chain, 36)!, recipe: frameRecipeAt(chain, 36, MODEL)!, thumbnail: THUMBNAIL, body, mentions, spot: { x: 0.25, y: 0.75 } };
  }

  beforeAll(async () => {
    scratch = await createScratchTarget(kind);
    stack = await startStack({ kind, withWorker: false, scratch });
    const owner = await signUp(stack.collab.url, "owner");
    roomId = (await owner.createRoom("Review")).id;
    for (const role of ["editor", "commenter", "viewer"] as const) {
      const api = await signUp(stack.collab.url, role);
      const { secret } = await owner.expect(201, "POST", `/api/rooms/${roomId}/links`, { role });
      await api.expect(200, "POST", `/api/invites/${secret}/accept`);
      people.set(role, await enter(api));
    }
    people.set("owner", await enter(owner));
    // A chain of three keyframes, 24 frames between each, written through Yjs.
    const writer = connectDoc(stack.collab.url, roomId, await owner.realtimeToken(roomId));
    await writer.synced;
    const doc = new RoomDoc(writer.doc);
    chainId = doc.addChain({ name: "Walk", fps: 24 });
    const ids = [1, 2, 3].map((seed) => doc.addKeyframe(chainId, { seed })!);
    for (const id of ids.slice(0, 2)) doc.setTransition(chainId, id, { frames: 24 });
    transitionFrom = ids[1]!;
    // Stored before the client goes, so every reader of the room sees the chain.
    for (let waited = 0; (await stack.database.prisma.yjsUpdate.count({ where: { roomId } })) < 6; waited += 50) {
      if (waited > 15_000) throw new Error("the chain's updates never reached the database");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    writer.destroy();
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await stack?.close();
    await scratch?.dispose();
  });

  it("runs a thread's life: create with a mention, reply, edit, react, delete, resolve, reopen, read", async () => {
    const [owner, editor, commenter, viewer] = (["owner", "editor", "commenter", "viewer"] as const).map(who);
    const outsider = await signUp(stack.collab.url, "outsider");
    const editorId = editor!.api.session!.user.id;
    const created = await commenter!.emit(EVENTS.threadCreate, await noteAt36("Less melting here, @editor", [editorId, outsider.session!.user.id]));
    expect(created.ok).toBe(true);
    const thread = created.thread;
    expect(thread).toMatchObject({
      anchor: { kind: "transition", chainId, fromKeyframeId: transitionFrom, t: 0.5 },
      spot: { x: 0.25, y: 0.75 },
      status: "open",
      author: { name: expect.stringMatching(/^commenter-/) },
      comments: [{ body: "Less melting here, @editor", mentions: [editorId] }],
    });
    // Committed before the answer; everyone else in the room heard it.
    expect(await stack.database.prisma.commentThread.count({ where: { id: thread.id } })).toBe(1);
    for (const person of [owner, editor, viewer]) await expect.poll(() => person!.heard.some((t) => t.id === thread.id)).toBe(true);

    const replied = await editor!.emit(EVENTS.commentAdd, { threadId: thread.id, body: "On it." });
    const reply = replied.thread.comments[1]!;
    expect(reply).toMatchObject({ body: "On it.", author: { name: expect.stringMatching(/^editor-/) } });
    expect((await commenter!.emit(EVENTS.commentEdit, { commentId: reply.id, body: "Not yours" })).error?.code).toBe("FORBIDDEN");
    const edited = await editor!.emit(EVENTS.commentEdit, { commentId: reply.id, body: "On it, tomorrow." });
    expect(edited.thread.comments[1]).toMatchObject({ body: "On it, tomorrow.", editedAt: expect.any(String) });
    const reacted = await commenter!.emit(EVENTS.reactionToggle, { commentId: reply.id, emoji: "👍" });
    expect(reacted.thread.comments[1]!.reactions).toEqual([{ emoji: "👍", userIds: [commenter!.api.session!.user.id] }]);
    expect((await commenter!.emit(EVENTS.reactionToggle, { commentId: reply.id, emoji: "👍" })).thread.comments[1]!.reactions).toEqual([]);
    expect((await commenter!.emit(EVENTS.commentDelete, { commentId: reply.id })).error?.code).toBe("FORBIDDEN");
    // The owner deletes anyone's comment; it keeps its place, without its text.
    const deleted = await owner!.emit(EVENTS.commentDelete, { commentId: reply.id });
    expect(deleted.thread.comments.map((c) => [c.body, c.deletedAt !== null])).toEqual([
      ["Less melting here, @editor", false],
      ["", true],
    ]);
    const resolved = await editor!.emit(EVENTS.threadResolve, { threadId: thread.id, resolved: true });
    expect(resolved.thread).toMatchObject({ status: "resolved", resolvedBy: { name: expect.stringMatching(/^editor-/) }, resolvedAt: expect.any(String) });
    await expect.poll(() => commenter!.heard.at(-1)?.status).toBe("resolved");
    expect((await commenter!.emit(EVENTS.threadResolve, { threadId: thread.id, resolved: false })).thread.status).toBe("open");

    const unread = (await summariesFor(viewer!)).find((t) => t.id === thread.id)!;
    expect(unread).toMatchObject({ unread: true, comments: 2, status: "open", mentionsYou: false, youWrote: false, spot: { x: 0.25, y: 0.75 } });
    expect(Date.parse(unread.lastActivityAt)).toBeGreaterThan(Date.parse(thread.createdAt));
    expect((await viewer!.emit(EVENTS.threadRead, { threadId: thread.id })).ok).toBe(true);
    expect((await summariesFor(viewer!)).find((t) => t.id === thread.id)?.unread).toBe(false);
    // Mentions and authorship are the reader's own: the editor is mentioned and wrote the (deleted) reply.
    expect((await summariesFor(editor!)).find((t) => t.id === thread.id)).toMatchObject({ mentionsYou: true, youWrote: true });
    expect((await summariesFor(commenter!)).find((t) => t.id === thread.id)).toMatchObject({ mentionsYou: false, youWrote: true });
  });

  it("lets commenters and up write, viewers only read, and outsiders not even connect", async () => {
    const note = await noteAt36("Who may write this?");
    const answers: Record<string, string> = {};
    for (const role of ["owner", "editor", "commenter", "viewer"] as const) {
      const answer = await who(role).emit(EVENTS.threadCreate, note);
      answers[role] = answer.ok ? "ok" : answer.error.code;
    }
    expect(answers).toEqual({ owner: "ok", editor: "ok", commenter: "ok", viewer: "FORBIDDEN" });
    expect((await who("viewer").emit(EVENTS.threadsLoad, {})).ok).toBe(true);
    const outsider = await signUp(stack.collab.url, "nosy");
    expect((await outsider.call("POST", `/api/rooms/${roomId}/token`)).status).toBe(404);
    expect((await outsider.call("GET", `/api/rooms/${roomId}/threads`)).status).toBe(404);
  });

  it("keeps both people's strokes when they draw on the same frame at the same moment, and erases only what is allowed", async () => {
    const [owner, editor, commenter] = (["owner", "editor", "commenter"] as const).map(who);
    const { thread } = await commenter!.emit(EVENTS.threadCreate, await noteAt36("Draw here"));
    const stroke = (id: string, color: string): DrawingObject => ({ id, kind: "stroke", color, width: 3, points: Array.from({ length: 50 }, (_, i) => [i / 50, 0.5] as [number, number]) });
    const [a, b] = await Promise.all([
      editor!.emit(EVENTS.drawingChange, { op: "put", threadId: thread.id, object: stroke("a-1", "#ff0000") }),
      commenter!.emit(EVENTS.drawingChange, { op: "put", threadId: thread.id, object: stroke("b-1", "#00ff00") }),
    ]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    const arrow: DrawingObject = { id: "b-2", kind: "arrow", color: "#00ff00", width: 2, points: [[0.1, 0.1], [0.4, 0.4]] };
    expect((await commenter!.emit(EVENTS.drawingChange, { op: "put", threadId: thread.id, object: arrow })).ok).toBe(true);
    const drawing = async () => (await wholeThread(owner!, thread.id)).drawing.map((o) => o.id).sort();
    expect(await drawing()).toEqual(["a-1", "b-1", "b-2"]);
    await expect.poll(() => owner!.drawn.filter((c) => c.threadId === thread.id).length).toBe(3);
    // Others' objects: neither changed nor erased, except by the owner.
    expect((await commenter!.emit(EVENTS.drawingChange, { op: "put", threadId: thread.id, object: stroke("a-1", "#000000") })).error?.code).toBe("FORBIDDEN");
    expect((await commenter!.emit(EVENTS.drawingChange, { op: "delete", threadId: thread.id, objectId: "a-1" })).error?.code).toBe("FORBIDDEN");
    expect((await commenter!.emit(EVENTS.drawingChange, { op: "delete", threadId: thread.id, objectId: "b-2" })).ok).toBe(true);
    expect((await owner!.emit(EVENTS.drawingChange, { op: "delete", threadId: thread.id, objectId: "a-1" })).ok).toBe(true);
    expect(await drawing()).toEqual(["b-1"]);
    // A text object must carry text; a stroke may not have more points than the limit.
    const bad = await commenter!.emit(EVENTS.drawingChange, { op: "put", threadId: thread.id, object: { id: "t", kind: "text", color: "#ffffff", width: 2, points: [[0.5, 0.5]] } });
    expect([bad.error?.code, bad.error?.message]).toEqual(["VALIDATION_FAILED", expect.stringMatching(/text objects, and only they, carry text/)]);
    const long = { ...stroke("long", "#ffffff"), points: Array.from({ length: COMMENT_LIMITS.strokePoints + 1 }, () => [0.5, 0.5]) };
    expect((await commenter!.emit(EVENTS.drawingChange, { op: "put", threadId: thread.id, object: long })).error?.code).toBe("VALIDATION_FAILED");
  });

  it("refuses bodies over the limit with a clear error, and keeps markup as text", async () => {
    const commenter = who("commenter");
    const tooLong = await commenter.emit(EVENTS.threadCreate, await noteAt36("x".repeat(COMMENT_LIMITS.bodyLength + 1)));
    expect([tooLong.error?.code, tooLong.error?.message]).toEqual(["VALIDATION_FAILED", expect.stringMatching(/at most 5000 characters/)]);
    const hostile = "<img src=x onerror=alert(1)>";
    const { thread } = await commenter.emit(EVENTS.threadCreate, await noteAt36(hostile));
    expect(thread.comments[0]!.body).toBe(hostile);
    const html = await fetch(new URL(`/api/rooms/${roomId}/notes?format=html`, stack.collab.url), { headers: { authorization: `Bearer ${commenter.api.session!.token}` } });
    const page = await html.text();
    expect(page).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page).not.toContain(hostile);
    expect(html.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
    expect(page).toContain(`<img src="${THUMBNAIL}"`);
  });

  it("places notes on today's chain in the notes export: re-timed through Yjs, the note moves; its keyframes deleted, it is orphaned", async () => {
    const owner = who("owner");
    const { thread } = await owner.emit(EVENTS.threadCreate, await noteAt36("Shot list entry"));
    const csv = async () => {
      const answer = await fetch(new URL(`/api/rooms/${roomId}/notes?format=csv`, stack.collab.url), { headers: { authorization: `Bearer ${owner.api.session!.token}` } });
      expect(answer.headers.get("content-type")).toMatch(/^text\/csv/);
      const rows = (await answer.text()).trim().split("\r\n").map((line) => line.slice(1, -1).split('","'));
      return { header: rows[0], row: rows.find((r) => r[0] === thread.id)! };
    };
    const before = await csv();
    expect(before.header).toEqual(["thread", "status", "chain", "frame", "timecode", "anchor", "comment", "author", "written", "text"]);
    expect(before.row.slice(1, 7)).toEqual(["open", "Walk", "37", "0:01:12", "attached", "1"]);
    expect(before.row[7]).toMatch(/^owner-/);

    const writer = connectDoc(stack.collab.url, roomId, await owner.api.realtimeToken(roomId));
    await writer.synced;
    const doc = new RoomDoc(writer.doc);
    const chain = doc.chain(chainId)!;
    doc.setTransition(chainId, chain.keyframes[1]!.id, { frames: 48 });
    await expect.poll(async () => (await csv()).row.slice(3, 6), { timeout: 15_000 }).toEqual(["49", "0:02:00", "attached"]);
    doc.removeKeyframe(chainId, chain.keyframes[1]!.id);
    await expect.poll(async () => (await csv()).row.slice(3, 6), { timeout: 15_000 }).toEqual(["", "", "orphaned"]);
    writer.destroy();

    const filtered = async (query: string) =>
      ((await owner.api.expect(200, "GET", `/api/rooms/${roomId}/threads?${query}`)).threads as Thread[]).map((t) => t.id);
    expect(await filtered("status=open")).toContain(thread.id);
    expect(await filtered("status=resolved")).not.toContain(thread.id);
    expect(await filtered(`author=${owner.api.session!.user.id}`)).toContain(thread.id);
    expect((await owner.api.call("GET", `/api/rooms/${roomId}/threads?status=maybe`)).status).toBe(400);
  });

  it("keeps a removed member's comments in place, attributed to them", async () => {
    const owner = who("owner");
    const guest = await signUp(stack.collab.url, "guest");
    const { secret } = await owner.api.expect(201, "POST", `/api/rooms/${roomId}/links`, { role: "commenter" });
    await guest.expect(200, "POST", `/api/invites/${secret}/accept`);
    const visitor = await enter(guest);
    const { thread } = await visitor.emit(EVENTS.threadCreate, await noteAt36("A passing thought"));
    await owner.api.expect(200, "DELETE", `/api/rooms/${roomId}/members/${guest.session!.user.id}`);
    const kept = await wholeThread(owner, thread.id);
    expect(kept.comments.map((c) => [c.author.id, c.body])).toEqual([[guest.session!.user.id, "A passing thought"]]);
    expect(kept.author.name).toMatch(/^guest-/);
  });

  it("keeps every thread across a server restart", async () => {
    const owner = who("owner");
    // Threads of its own, with a reply and a drawing, so the comparison never rests on what earlier tests left (run alone, that is nothing).
    const { thread } = await owner.emit(EVENTS.threadCreate, await noteAt36("Before the restart"));
    expect((await owner.emit(EVENTS.commentAdd, { threadId: thread.id, body: "And a reply" })).ok).toBe(true);
    const arrow: DrawingObject = { id: "restart-arrow", kind: "arrow", color: "#ff5a5f", width: 3, points: [[0.1, 0.1], [0.4, 0.4]] };
    expect((await owner.emit(EVENTS.drawingChange, { op: "put", threadId: thread.id, object: arrow })).ok).toBe(true);
    const before = { summaries: await summariesFor(owner), thread: await wholeThread(owner, thread.id) };
    expect(before.thread).toMatchObject({ comments: [{ body: "Before the restart" }, { body: "And a reply" }], drawing: [arrow] });
    for (const socket of sockets) socket.close();
    sockets.length = 0;
    await stack.close();
    stack = await startStack({ kind, withWorker: false, scratch });
    // The session outlives the restart; the server's port does not.
    const again = await enter(new ApiClient(stack.collab.url, owner.api.session));
    expect({ summaries: await summariesFor(again), thread: await wholeThread(again, thread.id) }).toEqual(before);
  });
});
