import { Prisma, type PrismaClient } from "@umbra/db";
import { pinnedLook, recipeHash, type FrameRecipe } from "@umbra/latent";
import {
  COMMENT_LIMITS,
  REACTIONS,
  authorSchema,
  drawingObjectSchema,
  frameAnchorSchema,
  spotSchema,
  type Author,
  type Comment,
  type DrawingObject,
  type FrameAnchorWire,
  type Thread,
  type NoteReaderId,
  type ThreadsBulk,
} from "@umbra/protocol";
import { frameRecipeSchema } from "@umbra/protocol";
import { CommentRefusal } from "./comment-errors.js";
import { roomCommentRows } from "./room-comment-rows.js";
import type { NoteLimits } from "../config.js";
import { NoteCaps } from "./note-caps.js";
import { NoteThumbnails } from "./note-thumbnails.js";
import { packJsonText } from "./packed-json-text.js";
import { RoomSummaryCache } from "./room-summary-cache.js";
import { readerMarks, roomNotesVersion, roomSummaryParts, summariesText } from "./room-thread-summaries.js";
import { jpegFromDataUrl } from "./thumbnail-bytes.js";

/** The most points one thread's drawing may hold in all, so loading a room stays bounded. */
export const MAX_THREAD_POINTS = 50_000;

const threadInclude = {
  comments: { orderBy: { createdAt: "asc" }, include: { reactions: { orderBy: { createdAt: "asc" } } } },
  drawing: { orderBy: { updatedAt: "asc" } },
} satisfies Prisma.CommentThreadInclude;
type ThreadRow = Prisma.CommentThreadGetPayload<{ include: typeof threadInclude }>;
type CommentRow = ThreadRow["comments"][number];

export interface NewThread {
  anchor: FrameAnchorWire;
  rangeEnd: FrameAnchorWire | null;
  spot: { x: number; y: number } | null;
  recipe: FrameRecipe;
  thumbnail: string;
  body: string;
  mentions: string[];
}

/** Stored JSON is trusted only through the same schemas the wire uses. */
function toComment(row: CommentRow): Comment {
  const byEmoji = new Map<string, string[]>();
  for (const r of row.reactions) byEmoji.set(r.emoji, [...(byEmoji.get(r.emoji) ?? []), r.userId]);
  return {
    id: row.id,
    threadId: row.threadId,
    author: { id: row.authorId, name: row.authorName, color: row.authorColor },
    body: row.deletedAt ? "" : row.body,
    mentions: row.deletedAt ? [] : row.mentions,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    reactions: REACTIONS.filter((emoji) => byEmoji.has(emoji)).map((emoji) => ({ emoji, userIds: byEmoji.get(emoji)! })),
  };
}

function toThread(row: ThreadRow): Thread {
  return {
    id: row.id,
    roomId: row.roomId,
    author: { id: row.authorId, name: row.authorName, color: row.authorColor },
    anchor: frameAnchorSchema.parse(row.anchor),
    rangeEnd: row.rangeEnd === null ? null : frameAnchorSchema.parse(row.rangeEnd),
    spot: row.spot === null ? null : spotSchema.parse(row.spot),
    recipe: frameRecipeSchema.parse(row.recipe),
    recipeHash: row.recipeHash,
    thumbnail: row.thumbnailHash,
    status: row.resolvedAt ? "resolved" : "open",
    resolvedBy: row.resolvedBy === null ? null : authorSchema.parse(row.resolvedBy),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    comments: row.comments.map(toComment),
    drawing: row.drawing.map((d) => drawingObjectSchema.parse(d.object)),
  };
}

const json = (value: unknown) => value as Prisma.InputJsonValue;
const byteLength = (text: string) => Buffer.byteLength(text, "utf8");
const DAY_MS = 24 * 60 * 60 * 1000;
/** How far before a summaries query its `asOf` is set: beyond any clock step between two collab-servers' answers. */
const SINCE_MARGIN_MS = 5_000;
/** Thread ids are UUIDs: anything else names no thread, and Postgres would refuse it as one. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Review threads of rooms, over Prisma: every change is committed before it is answered. */
export class CommentStore {
  /** What the room's notes may hold, checked before each write. */
  readonly caps: NoteCaps;
  /** The notes' thumbnails, kept once by hash. */
  readonly thumbnails: NoteThumbnails;
  private readonly summaryCache = new RoomSummaryCache();

  constructor(
    private readonly prisma: PrismaClient,
    limits: NoteLimits,
  ) {
    this.caps = new NoteCaps(prisma, limits);
    this.thumbnails = new NoteThumbnails(prisma);
  }


  /**
   * Every thread of the room. Four flat queries by room, in parallel, rather than
   * nested includes: those send every thread's and comment's id back as a filter.
   * The comments, by far the most rows, come as one JSON text (see roomCommentRows).
   */
  async list(roomId: string): Promise<Thread[]> {
    return this.whole(roomId, null);
  }

  /** The threads of the room with these ids, whole; ids not in the room are left out. */
  async fetch(roomId: string, ids: string[]): Promise<Thread[]> {
    return this.whole(roomId, ids.filter((id) => UUID.test(id)));
  }

  private async whole(roomId: string, ids: string[] | null): Promise<Thread[]> {
    const threadWhere = ids === null ? { roomId } : { roomId, id: { in: ids } };
    const [threads, comments, reactions, drawing] = await Promise.all([
      this.prisma.commentThread.findMany({ where: threadWhere, orderBy: { createdAt: "asc" } }),
      roomCommentRows(this.prisma, roomId, ids),
      this.prisma.commentReaction.findMany({ where: { comment: { thread: threadWhere } }, orderBy: { createdAt: "asc" } }),
      this.prisma.drawingObject.findMany({ where: { thread: threadWhere }, orderBy: { updatedAt: "asc" } }),
    ]);
    const reactionsOf = groupBy(reactions, (r) => r.commentId);
    const commentsOf = groupBy(
      comments.map((c) => ({ ...c, reactions: reactionsOf.get(c.id) ?? [] })),
      (c) => c.threadId,
    );
    const drawingOf = groupBy(drawing, (d) => d.threadId);
    return threads.map((t) => toThread({ ...t, comments: commentsOf.get(t.id) ?? [], drawing: drawingOf.get(t.id) ?? [] }));
  }

  async thread(roomId: string, threadId: string): Promise<Thread> {
    if (!UUID.test(threadId)) throw new CommentRefusal("NOT_FOUND", "no such thread in this room");
    const row = await this.prisma.commentThread.findFirst({ where: { id: threadId, roomId }, include: threadInclude });
    if (row) return toThread(row);
    // Someone else may have just deleted it: say so, rather than that it never was.
    const deleted = await this.prisma.deletedThread.findFirst({ where: { id: threadId, roomId } });
    throw new CommentRefusal("NOT_FOUND", deleted ? "this note was deleted by the room's owner" : "no such thread in this room");
  }

  /** The notes of the room one of whose comments (not deleted) holds `text`, any case; at most `limit`, and whether there are more. */
  async search(roomId: string, text: string, limit: number): Promise<{ ids: string[]; more: boolean }> {
    // The person's text is matched as it is: LIKE's own wildcards in it are escaped.
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await this.prisma.$queryRaw<{ id: string }[]>(Prisma.sql`
      SELECT DISTINCT c."threadId"::text AS id FROM "Comment" c JOIN "CommentThread" t ON t.id = c."threadId"
      WHERE t."roomId" = ${roomId}::uuid AND c."deletedAt" IS NULL AND c.body ILIKE ${pattern}
      LIMIT ${limit + 1}`);
    return { ids: rows.slice(0, limit).map((r) => r.id), more: rows.length > limit };
  }

  /**
   * The owner resolves or deletes every note that matches all of `match`; how many.
   * A deleted note leaves a tombstone (so others learn it is gone), and a thumbnail no
   * note shows any more goes with it.
   */
  async bulk(roomId: string, { action, match }: ThreadsBulk, by: Author): Promise<number> {
    // Authors are users, named by UUID: anything else wrote nothing here.
    if (match.author !== undefined && !UUID.test(match.author)) return 0;
    const where: Prisma.CommentThreadWhereInput = {
      roomId,
      ...(match.ids ? { id: { in: match.ids.filter((id) => UUID.test(id)) } } : {}),
      ...(match.author ? { authorId: match.author } : {}),
      ...(match.chain ? { anchor: { path: ["chainId"], equals: match.chain } } : {}),
      ...(match.resolvedDaysAgo !== undefined ? { resolvedAt: { lte: new Date(Date.now() - match.resolvedDaysAgo * DAY_MS) } } : {}),
    };
    if (action === "resolve") {
      const now = new Date();
      return (await this.prisma.commentThread.updateMany({ where: { ...where, resolvedAt: null }, data: { resolvedAt: now, resolvedBy: json(by), updatedAt: now } })).count;
    }
    return this.prisma.$transaction(async (tx) => {
      const doomed = await tx.commentThread.findMany({ where, select: { id: true, thumbnailHash: true } });
      if (doomed.length === 0) return 0;
      const ids = doomed.map((t) => t.id);
      await tx.deletedThread.createMany({ data: ids.map((id) => ({ id, roomId })), skipDuplicates: true });
      await tx.commentThread.deleteMany({ where: { id: { in: ids } } });
      const hashes = [...new Set(doomed.flatMap((t) => (t.thumbnailHash ? [t.thumbnailHash] : [])))];
      await this.thumbnails.forgetUnshown(tx, hashes);
      return ids.length;
    });
  }


  /**
   * What the timeline needs of every thread of the room, as `reader` sees them, packed
   * as a ThreadSummaryPack; with `since`, of those changed or read since then. Its
   * `asOf` is the time to ask `since` next: a little before this query, so a change
   * committed while it ran comes again rather than never. Everyone's part of a whole
   * room's summaries is kept until its notes change (see RoomSummaryCache).
   */
  async summaries(roomId: string, reader: NoteReaderId, since: Date | null = null): Promise<Uint8Array> {
    const asOf = new Date(Date.now() - SINCE_MARGIN_MS).toISOString();
    const changed = since === null ? null : { since, reader };
    const everyones = async () => {
      await this.fillPinned(roomId);
      return roomSummaryParts(this.prisma, roomId, changed);
    };
    const [parts, marks, deleted] = await Promise.all([
      changed === null ? roomNotesVersion(this.prisma, roomId).then((version) => this.summaryCache.parts(roomId, version, everyones)) : everyones(),
      readerMarks(this.prisma, roomId, reader, changed),
      since === null ? [] : this.prisma.deletedThread.findMany({ where: { roomId, deletedAt: { gt: since } }, select: { id: true } }),
    ]);
    // A ThreadSummaryPack, written around the database's own JSON text.
    return packJsonText(`{"asOf":${JSON.stringify(asOf)},"reader":${JSON.stringify(reader)},"deleted":${JSON.stringify(deleted.map((d) => d.id))},"summaries":${summariesText(parts, marks)}}`);
  }

  async threadCount(roomId: string): Promise<number> {
    return this.prisma.commentThread.count({ where: { roomId } });
  }

  /** Threads written before `pinned` was kept get it from their recipe, once, in one statement. */
  private async fillPinned(roomId: string): Promise<void> {
    const missing = await this.prisma.commentThread.findMany({ where: { roomId, pinned: { equals: Prisma.DbNull } }, select: { id: true, recipe: true } });
    if (missing.length === 0) return;
    const pinned = missing.map((row) => JSON.stringify(pinnedLook(frameRecipeSchema.parse(row.recipe))));
    await this.prisma.$executeRaw(Prisma.sql`
      UPDATE "CommentThread" t SET pinned = v.pinned
      FROM unnest(${missing.map((row) => row.id)}::uuid[], ${pinned}::jsonb[]) AS v(id, pinned)
      WHERE t.id = v.id`);
  }


  /** Ids among `mentions` that are members of the room: a mention of anyone else is dropped. */
  async members(roomId: string, userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows = await this.prisma.member.findMany({ where: { roomId, userId: { in: [...new Set(userIds)] } }, select: { userId: true } });
    return rows.map((r) => r.userId);
  }

  async create(roomId: string, author: Author, note: NewThread): Promise<Thread> {
    const thumbnail = jpegFromDataUrl(note.thumbnail);
    await this.caps.check(roomId, { threads: 1, bytes: byteLength(note.body) + thumbnail.length });
    const thumbnailHash = await this.thumbnails.keep(thumbnail);
    const row = await this.prisma.commentThread.create({
      data: {
        roomId,
        authorId: author.id,
        authorName: author.name,
        authorColor: author.color,
        anchor: json(note.anchor),
        rangeEnd: note.rangeEnd === null ? undefined : json(note.rangeEnd),
        spot: note.spot === null ? undefined : json(note.spot),
        recipe: json(note.recipe),
        recipeHash: recipeHash(note.recipe),
        pinned: json(pinnedLook(note.recipe)),
        thumbnailHash,
        comments: { create: { authorId: author.id, authorName: author.name, authorColor: author.color, body: note.body, mentions: note.mentions } },
        reads: { create: { userId: author.id, readAt: new Date() } },
      },
      include: threadInclude,
    });
    return toThread(row);
  }

  async reply(roomId: string, threadId: string, author: Author, body: string, mentions: string[]): Promise<Thread> {
    await this.thread(roomId, threadId);
    await this.caps.checkThread(threadId);
    await this.caps.check(roomId, { bytes: byteLength(body) });
    await this.prisma.comment.create({ data: { threadId, authorId: author.id, authorName: author.name, authorColor: author.color, body, mentions } });
    return this.changed(roomId, threadId);
  }

  /** The comment's thread, checked to be in the room; refuses when `may` says no. */
  private async comment(roomId: string, commentId: string) {
    const row = await this.prisma.comment.findFirst({ where: { id: commentId, thread: { roomId } } });
    if (!row) throw new CommentRefusal("NOT_FOUND", "no such comment in this room");
    return row;
  }

  async edit(roomId: string, commentId: string, userId: string, body: string, mentions: string[]): Promise<Thread> {
    const row = await this.comment(roomId, commentId);
    if (row.authorId !== userId) throw new CommentRefusal("FORBIDDEN", "only its author edits a comment");
    if (row.deletedAt) throw new CommentRefusal("NOT_FOUND", "this comment was deleted");
    await this.caps.check(roomId, { bytes: Math.max(0, byteLength(body) - byteLength(row.body)) });
    await this.prisma.comment.update({ where: { id: commentId }, data: { body, mentions, editedAt: new Date() } });
    return this.changed(roomId, row.threadId);
  }

  /** A soft delete: the comment keeps its place, without its text. */
  async delete(roomId: string, commentId: string, userId: string, isOwner: boolean): Promise<Thread> {
    const row = await this.comment(roomId, commentId);
    if (row.authorId !== userId && !isOwner) throw new CommentRefusal("FORBIDDEN", "only its author or the room's owner deletes a comment");
    if (!row.deletedAt) await this.prisma.comment.update({ where: { id: commentId }, data: { deletedAt: new Date() } });
    return this.changed(roomId, row.threadId);
  }

  async setResolved(roomId: string, threadId: string, by: Author, resolved: boolean): Promise<Thread> {
    await this.thread(roomId, threadId);
    await this.prisma.commentThread.update({
      where: { id: threadId },
      data: resolved ? { resolvedAt: new Date(), resolvedBy: json(by) } : { resolvedAt: null, resolvedBy: json(null) },
    });
    return this.changed(roomId, threadId);
  }

  /** Adds the user's emoji to the comment, or takes it away when it is there. */
  async toggleReaction(roomId: string, commentId: string, userId: string, emoji: string): Promise<Thread> {
    const row = await this.comment(roomId, commentId);
    // Neither step fails when the same toggle arrives twice at once: one takes it away, or both add it once.
    const removed = await this.prisma.commentReaction.deleteMany({ where: { commentId, userId, emoji } });
    if (removed.count === 0) await this.prisma.commentReaction.createMany({ data: [{ commentId, userId, emoji }], skipDuplicates: true });
    return this.changed(roomId, row.threadId);
  }

  /** Adds or replaces one object of the thread's drawing; the others are untouched. */
  async putDrawing(roomId: string, threadId: string, userId: string, object: DrawingObject): Promise<void> {
    await this.thread(roomId, threadId);
    await this.caps.check(roomId, { bytes: byteLength(JSON.stringify(object)), drawingPoints: object.points.length });
    await this.prisma.$transaction(async (tx) => {
      const others = await tx.drawingObject.findMany({ where: { threadId, NOT: { id: object.id } }, select: { object: true, authorId: true } });
      if (others.length >= COMMENT_LIMITS.drawingObjects) throw new CommentRefusal("PAYLOAD_TOO_LARGE", `a drawing holds at most ${COMMENT_LIMITS.drawingObjects} objects`);
      const points = others.reduce((sum, o) => sum + drawingObjectSchema.parse(o.object).points.length, 0) + object.points.length;
      if (points > MAX_THREAD_POINTS) throw new CommentRefusal("PAYLOAD_TOO_LARGE", `a drawing holds at most ${MAX_THREAD_POINTS} points in all`);
      const current = await tx.drawingObject.findUnique({ where: { threadId_id: { threadId, id: object.id } } });
      if (current && current.authorId !== userId) throw new CommentRefusal("FORBIDDEN", "only its author changes a drawn object");
      await tx.drawingObject.upsert({
        where: { threadId_id: { threadId, id: object.id } },
        create: { threadId, id: object.id, authorId: userId, object: json(object) },
        update: { object: json(object) },
      });
    });
    await this.changed(roomId, threadId);
  }

  /** Erases one object: its author or the room's owner. Erasing what is gone already is fine. */
  async deleteDrawing(roomId: string, threadId: string, objectId: string, userId: string, isOwner: boolean): Promise<void> {
    await this.thread(roomId, threadId);
    const current = await this.prisma.drawingObject.findUnique({ where: { threadId_id: { threadId, id: objectId } } });
    if (!current) return;
    if (current.authorId !== userId && !isOwner) throw new CommentRefusal("FORBIDDEN", "only its author or the room's owner erases a drawn object");
    await this.prisma.drawingObject.delete({ where: { threadId_id: { threadId, id: objectId } } });
    await this.changed(roomId, threadId);
  }

  /**
   * The thread after a change to it or its parts, marked as changed now (see summaries'
   * `since`): always later than its last change, even within the same millisecond, so
   * that roomNotesVersion moves with every change.
   */
  private async changed(roomId: string, threadId: string): Promise<Thread> {
    await this.prisma.$executeRaw(Prisma.sql`UPDATE "CommentThread" SET "updatedAt" = greatest(${new Date()}, "updatedAt" + interval '1 millisecond') WHERE id = ${threadId}::uuid`);
    return this.thread(roomId, threadId);
  }

  async markRead(roomId: string, threadId: string, userId: string): Promise<void> {
    await this.thread(roomId, threadId);
    const readAt = new Date();
    await this.prisma.threadRead.upsert({ where: { threadId_userId: { threadId, userId } }, create: { threadId, userId, readAt }, update: { readAt } });
  }
}
