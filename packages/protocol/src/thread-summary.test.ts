import { describe, expect, it } from "vitest";
import { seedFrameRecipe } from "@umbra/latent";
import { threadSchema, type Comment, type Thread } from "./comments.js";
import { mentions, summarizeThread, writtenBy } from "./thread-summary.js";

const ana = { id: "a0000000-0000-4000-8000-000000000001", name: "Ana", color: "#38bdf8" };
const ben = { id: "b0000000-0000-4000-8000-000000000002", name: "Ben", color: "#f4a261" };

function comment(author: typeof ana, body: string, at: string, extra: Partial<Comment> = {}): Comment {
  return { id: `c-${at}`, threadId: "t1", author, body, mentions: [], createdAt: at, editedAt: null, deletedAt: null, reactions: [], ...extra };
}

function thread(comments: Comment[]): Thread {
  return threadSchema.parse({
    id: "t1",
    roomId: "r1",
    author: ana,
    anchor: { kind: "keyframe", chainId: "c1", keyframeId: "k1" },
    rangeEnd: null,
    spot: null,
    recipe: seedFrameRecipe("builtin/cppn", 1),
    recipeHash: "h",
    thumbnail: null,
    status: "open",
    resolvedBy: null,
    resolvedAt: null,
    createdAt: "2026-12-06T10:00:00.000Z",
    comments,
    drawing: [],
  });
}

describe("a thread's summary, as the studio keeps it from live changes", () => {
  const byAccount = { userId: ana.id, localName: null };

  it("is unread when new to you and someone else wrote in it, and carries your reading over until someone else writes again", () => {
    const own = thread([comment(ana, "Mine", "2026-12-06T10:00:00.000Z")]);
    expect(summarizeThread(own, byAccount, undefined).unread).toBe(false);
    const answered = thread([comment(ana, "Mine", "2026-12-06T10:00:00.000Z"), comment(ben, "Yours", "2026-12-06T10:05:00.000Z")]);
    const first = summarizeThread(answered, byAccount, undefined);
    expect(first).toMatchObject({ unread: true, comments: 2, lastActivityAt: "2026-12-06T10:05:00.000Z", youWrote: true });
    // Read, then changed by you (an edit, a resolve): still read. Then someone else writes: unread again.
    const read = { ...first, unread: false };
    expect(summarizeThread(answered, byAccount, read).unread).toBe(false);
    const again = thread([...answered.comments, comment(ben, "And more", "2026-12-06T10:09:00.000Z")]);
    expect(summarizeThread(again, byAccount, read).unread).toBe(true);
  });

  it("goes by your name in local mode, where everyone is the one local user", () => {
    const local = { userId: ana.id, localName: "Ben" };
    const sameUser = { ...ben, id: ana.id };
    const note = thread([comment(ana, "Hello @Ben", "2026-12-06T10:00:00.000Z"), comment(sameUser, "Hi", "2026-12-06T10:01:00.000Z")]);
    expect(writtenBy(local, note.comments[1]!)).toBe(true);
    expect(mentions(local, note.comments[0]!)).toBe(true);
    expect(summarizeThread(note, local, undefined)).toMatchObject({ unread: true, mentionsYou: true, youWrote: true });
    // A deleted comment mentions nobody.
    expect(mentions(local, { ...note.comments[0]!, deletedAt: "2026-12-06T10:02:00.000Z" })).toBe(false);
  });
});
