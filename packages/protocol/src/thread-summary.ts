import { pinnedLook } from "@umbra/latent";
import type { Comment, Thread, ThreadSummary } from "./comments.js";

/**
 * Who reads a room's notes. With accounts, the user id decides which comments are
 * yours and which mention you; in local mode everyone is the one local user, so
 * the name this browser signs with decides, and `@name` in a comment mentions it.
 */
export interface NoteReaderId {
  userId: string;
  localName: string | null;
}

export const writtenBy = (reader: NoteReaderId, comment: Pick<Comment, "author">) =>
  reader.localName === null ? comment.author.id === reader.userId : comment.author.name === reader.localName;

export const mentions = (reader: NoteReaderId, comment: Pick<Comment, "body" | "mentions" | "deletedAt">) =>
  comment.deletedAt === null && (reader.localName === null ? comment.mentions.includes(reader.userId) : comment.body.includes(`@${reader.localName}`));

/**
 * A whole thread as its summary for `reader`, after `before` (its summary until now,
 * if `reader` had one): the studio keeps its summaries current from live changes
 * with this. It is unread when it was, or when someone else wrote in it since; a
 * thread new to `reader` is unread when someone else wrote in it. The server computes
 * the same in SQL for a whole room at once, from when `reader` last read each
 * thread (room-thread-summaries.ts).
 */
export function summarizeThread(thread: Thread, reader: NoteReaderId, before: ThreadSummary | undefined): ThreadSummary {
  const times = thread.comments.map((c) => c.createdAt);
  const byOthersAfter = (time: string) => thread.comments.some((c) => !writtenBy(reader, c) && c.createdAt > time);
  return {
    id: thread.id,
    author: thread.author,
    anchor: thread.anchor,
    rangeEnd: thread.rangeEnd,
    spot: thread.spot,
    pinned: pinnedLook(thread.recipe),
    status: thread.status,
    comments: thread.comments.length,
    lastActivityAt: times.reduce((a, b) => (a > b ? a : b), thread.createdAt),
    unread: before ? before.unread || byOthersAfter(before.lastActivityAt) : byOthersAfter(""),
    mentionsYou: thread.comments.some((c) => mentions(reader, c)),
    youWrote: thread.comments.some((c) => writtenBy(reader, c)),
    drawn: thread.drawing.length > 0,
  };
}
