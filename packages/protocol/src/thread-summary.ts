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
 * A whole thread as its summary for `reader`, who last read it at `readAt`: the
 * studio keeps its summaries current from live changes with this. The server
 * computes the same in SQL for a whole room at once (room-thread-summaries.ts).
 */
export function summarizeThread(thread: Thread, reader: NoteReaderId, readAt: string | null): ThreadSummary {
  const fromOthers = thread.comments.filter((c) => !writtenBy(reader, c)).map((c) => c.createdAt);
  const times = thread.comments.map((c) => c.createdAt);
  const latest = (list: string[]) => (list.length === 0 ? null : list.reduce((a, b) => (a > b ? a : b)));
  return {
    id: thread.id,
    author: thread.author,
    anchor: thread.anchor,
    rangeEnd: thread.rangeEnd,
    spot: thread.spot,
    pinned: pinnedLook(thread.recipe),
    status: thread.status,
    createdAt: thread.createdAt,
    comments: thread.comments.length,
    lastActivityAt: latest(times) ?? thread.createdAt,
    readAt,
    lastFromOthersAt: latest(fromOthers),
    mentionsYou: thread.comments.some((c) => mentions(reader, c)),
    youWrote: thread.comments.some((c) => writtenBy(reader, c)),
    drawn: thread.drawing.length > 0,
  };
}

/** Someone else wrote in it since you last read it. */
export const isUnread = (summary: Pick<ThreadSummary, "readAt" | "lastFromOthersAt">) =>
  summary.lastFromOthersAt !== null && (summary.readAt === null || summary.lastFromOthersAt > summary.readAt);
