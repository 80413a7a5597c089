// Review threads and exports through the studio's own room client (apps/web/lib/room-client),
// without a browser: three people's RoomConnections against a real collab-server with a
// worker, on PGlite. Each command's answer is checked by the protocol's schema in the
// client; these tests see what a person would: the note arriving live for the others,
// a refusal in the server's words, a note missed while offline caught up on reconnect,
// and an export's progress heard by everyone in the room.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc, anchorAt, frameRecipeAt, type Chain } from "@umbra/doc";
import { summarizeThread, type DrawingObject, type ThreadCreate } from "@umbra/protocol";
import { RoomConnection } from "../../apps/web/lib/room-client/room-connection.js";
import { invitedAs, signUp, type ApiClient } from "../support/api.js";
import { tokensFor, untilSnapshot } from "../support/room-client.js";
import { startStack, type Stack } from "../support/stack.js";
import { connectDoc } from "../support/yjs-client.js";

const THUMBNAIL = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQ==";

describe("review threads and exports through the room client, in process", () => {
  let stack: Stack;
  let roomId: string;
  let chain: Chain;
  const people = {} as Record<"owner" | "commenter" | "viewer", ApiClient>;
  const opened: RoomConnection[] = [];

  async function joined(api: ApiClient): Promise<RoomConnection> {
    const connection = new RoomConnection({ collabUrl: stack.collab.url, roomId, tokens: tokensFor(api, roomId, { tokens: 0 }), onAccessLost: () => {} });
    opened.push(connection);
    await untilSnapshot(connection, (s) => s.joined);
    return connection;
  }

  const noteAt = (frame: number, body: string): Omit<ThreadCreate, "as"> => ({
    anchor: anchorAt(chain, frame)!,
    recipe: frameRecipeAt(chain, frame, "builtin/cppn")!,
    thumbnail: THUMBNAIL,
    body,
    mentions: [],
  });

  beforeAll(async () => {
    stack = await startStack({ kind: "pglite" });
    people.owner = await signUp(stack.collab.url, "owner");
    roomId = (await people.owner.createRoom("Review in process")).id;
    for (const role of ["commenter", "viewer"] as const) people[role] = await invitedAs(people.owner, roomId, role, role);
    const editor = connectDoc(stack.collab.url, roomId, await people.owner.realtimeToken(roomId));
    await editor.synced;
    const doc = new RoomDoc(editor.doc);
    const chainId = doc.addChain();
    const first = doc.addKeyframe(chainId, { seed: 5 })!;
    doc.addKeyframe(chainId, { seed: 6 });
    doc.setTransition(chainId, first, { frames: 11 });
    chain = doc.chain(chainId)!;
    editor.destroy();
  });
  afterAll(async () => {
    for (const connection of opened) connection.close();
    await stack?.close();
  });

  it("shows a note to everyone live, takes answers and drawings, refuses a viewer in the server's words, and catches up after a drop", async () => {
    const [owner, commenter, viewer] = [await joined(people.owner), await joined(people.commenter), await joined(people.viewer)];
    const summaryIn = (connection: RoomConnection, id: string) => connection.threads.getSnapshot().summaries.find((t) => t.id === id);

    const thread = (await commenter.threads.create(noteAt(6, "Less melting here")))!;
    expect(thread).toMatchObject({ anchor: { chainId: chain.id }, status: "open", comments: [{ body: "Less melting here" }] });
    expect(commenter.threads.getSnapshot().summaries.map((t) => t.id)).toEqual([thread.id]);
    await untilSnapshot(owner.threads, (s) => s.summaries.some((t) => t.id === thread.id));
    // Someone else's new note is unread until opened; your own is not.
    expect(summaryIn(owner, thread.id)?.unread).toBe(true);
    expect(summaryIn(commenter, thread.id)?.unread).toBe(false);

    expect(await owner.threads.reply(thread.id, "Agreed, next pass", [])).toBe(true);
    const answered = await untilSnapshot(commenter.threads, (s) => s.whole[thread.id]?.comments.length === 2);
    expect(answered.whole[thread.id]!.comments.map((c) => c.body)).toEqual(["Less melting here", "Agreed, next pass"]);
    expect(summaryIn(commenter, thread.id)).toMatchObject({ comments: 2, youWrote: true });
    expect(summaryIn(commenter, thread.id)?.unread).toBe(true);

    // A viewer may read but not write: the answer is refused, the note unchanged, and the reason shown.
    expect(await viewer.threads.reply(thread.id, "Me too", [])).toBe(false);
    expect(viewer.threads.getSnapshot().error).toMatch(/viewer|comment/i);
    expect(summaryIn(viewer, thread.id)?.comments).toBe(2);

    const arrow: DrawingObject = { id: "arrow-1", kind: "arrow", color: "#ff5a5f", width: 3, points: [[0.2, 0.2], [0.6, 0.5]] };
    expect(await commenter.threads.draw({ op: "put", threadId: thread.id, object: arrow })).toBe(true);
    await untilSnapshot(owner.threads, (s) => s.whole[thread.id]?.drawing.some((o) => o.id === "arrow-1") === true);
    expect(summaryIn(owner, thread.id)?.drawn).toBe(true);

    owner.threads.markRead(thread.id);
    expect(summaryIn(owner, thread.id)?.unread).toBe(false);
    expect(await owner.threads.resolve(thread.id, true)).toBe(true);
    await untilSnapshot(commenter.threads, (s) => s.summaries.find((t) => t.id === thread.id)?.status === "resolved");

    // The commenter's network drops; a note written meanwhile arrives with the reconnection's reload.
    commenter.socket!.io.engine.close();
    await untilSnapshot(commenter, (s) => !s.joined);
    const missed = (await owner.threads.create(noteAt(9, "Written while you were away")))!;
    await untilSnapshot(commenter, (s) => s.joined);
    await untilSnapshot(commenter.threads, (s) => s.summaries.some((t) => t.id === missed.id));
    expect(commenter.threads.getSnapshot().error).toBeNull();

    // Someone who comes later gets summaries only; a thread's comments load when asked for, and the
    // server's summary is the one the studio makes of the whole thread (one rule, in SQL and in TypeScript).
    const later = await joined(people.owner);
    const summaries = (await untilSnapshot(later.threads, (s) => s.loaded)).summaries;
    expect(summaries.map((t) => t.id)).toEqual([thread.id, missed.id]);
    expect(later.threads.getSnapshot().whole).toEqual({});
    later.threads.want([thread.id, missed.id]);
    const whole = (await untilSnapshot(later.threads, (s) => Boolean(s.whole[thread.id] && s.whole[missed.id]))).whole;
    expect(whole[thread.id]!.comments.map((c) => c.body)).toEqual(["Less melting here", "Agreed, next pass"]);
    expect(whole[thread.id]!.drawing).toEqual([arrow]);
    const ownerId = whole[missed.id]!.author.id;
    // Read by the owner, the first is not unread: the studio carries that over from its summary until someone else writes.
    expect(summaries.map((s) => s.unread)).toEqual([false, false]);
    for (const summary of summaries) expect(summarizeThread(whole[summary.id]!, { userId: ownerId, localName: null }, summary)).toEqual(summary);
    // A thread new to the studio is unread when someone else wrote in it.
    expect(summarizeThread(whole[thread.id]!, { userId: ownerId, localName: null }, undefined).unread).toBe(true);
  });

  it("takes notes the owner deletes at once away from everyone's studio, and keeps the rest", async () => {
    const [owner, commenter] = [await joined(people.owner), await joined(people.commenter)];
    const kept = (await commenter.threads.create(noteAt(3, "Keep this")))!;
    const doomed = (await commenter.threads.create(noteAt(4, "Delete this")))!;
    await untilSnapshot(owner.threads, (s) => s.summaries.some((t) => t.id === doomed.id));
    expect(await owner.threads.bulk("delete", { ids: [doomed.id] })).toBe(1);
    for (const connection of [owner, commenter]) {
      const after = await untilSnapshot(connection.threads, (s) => !s.summaries.some((t) => t.id === doomed.id));
      expect(after.summaries.some((t) => t.id === kept.id)).toBe(true);
    }
    // Only the owner tidies: anyone else is told so.
    expect(await commenter.threads.bulk("resolve", { ids: [kept.id] })).toBeNull();
    expect(commenter.threads.getSnapshot().error).toBe("only the room's owner resolves or deletes many notes at once");
  });

  it("starts an export that everyone in the room sees run to the end, and refuses bad settings with the schema's words", async () => {
    const [owner, viewer] = [await joined(people.owner), await joined(people.viewer)];
    const refused = await owner.exports.start({ chainId: chain.id, format: "png-zip", size: 63, fps: 24 });
    expect(refused).toEqual({ ok: false, problem: expect.stringMatching(/even number of pixels/) });

    const started = await owner.exports.start({ chainId: chain.id, format: "png-zip", size: 64, fps: 24 });
    expect(started.ok).toBe(true);
    const id = started.ok ? started.id : "";
    const done = await untilSnapshot(viewer.exports, (s) => s.exports.find((j) => j.id === id)?.status === "done");
    expect(done.exports.find((j) => j.id === id)).toMatchObject({ settings: { format: "png-zip", size: 64 }, framesDone: 12, frames: 12, createdBy: { name: expect.stringMatching(/^owner/) } });
    await untilSnapshot(owner.exports, (s) => s.exports.find((j) => j.id === id)?.status === "done");
    // A viewer may not export: refused in the server's words.
    const byViewer = await viewer.exports.start({ chainId: chain.id, format: "png-zip", size: 64, fps: 24 });
    expect(byViewer.ok).toBe(false);
  });
});
