import { z } from "zod";
import { frameRecipeSchema } from "./recipe-schema.js";
import { binarySchema } from "./binary.js";
import { pinnedLookSchema } from "./pinned-look.js";
import { resultSchema, type Result } from "./result.js";

/** Limits of review notes: the server refuses anything past them, with a message. */
export const COMMENT_LIMITS = {
  bodyLength: 5000,
  mentions: 20,
  drawingObjects: 500,
  strokePoints: 5000,
  textLength: 500,
  /** A thread's frozen thumbnail, as a base64 JPEG data URL. */
  thumbnailChars: 64 * 1024,
  /** Threads one answer of threads:fetch may hold (a screenful of the Notes list, the drawings near the playhead). */
  fetchThreads: 100,
  /** Threads one search answers with at most: past it, the Notes list asks for narrower words. */
  searchThreads: 1000,
} as const;

/** The quick reactions, as in most review tools: one per person and emoji. */
export const REACTIONS = ["👍", "❤️", "😂", "🎉", "👀", "🔥"] as const;

const id = z.string().min(1).max(64);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, "a sha256 in hex");
const userId = z.string().min(1).max(64);
const colour = z.string().regex(/^#[0-9a-f]{6}$/i, "a colour is #rrggbb");
const unit = z.number().min(0).max(1);

/**
 * Where a note is pinned: on a keyframe of a chain, or at local t (before easing)
 * of the transition leaving a keyframe. Not a frame number, so re-timing a
 * transition moves the note with it.
 */
export const frameAnchorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("keyframe"), chainId: id, keyframeId: id }).strict(),
  z.object({ kind: z.literal("transition"), chainId: id, fromKeyframeId: id, t: unit }).strict(),
]);
export type FrameAnchorWire = z.infer<typeof frameAnchorSchema>;

/** A spot on the image, like a Figma pin: 0..1 from the left and from the top. */
export const spotSchema = z.object({ x: unit, y: unit }).strict();

export const DRAWING_KINDS = ["stroke", "arrow", "rectangle", "ellipse", "text"] as const;

/** One vector object drawn on a thread's frame, in 0..1 image units. Strokes have many points, text one, the rest two. */
export const drawingObjectSchema = z
  .object({
    id,
    kind: z.enum(DRAWING_KINDS),
    color: colour,
    width: z.number().min(0.5).max(24),
    points: z.array(z.tuple([unit, unit])).min(1).max(COMMENT_LIMITS.strokePoints),
    text: z.string().min(1).max(COMMENT_LIMITS.textLength).optional(),
  })
  .strict()
  .superRefine((object, context) => {
    const wanted = object.kind === "stroke" ? null : object.kind === "text" ? 1 : 2;
    if (wanted !== null && object.points.length !== wanted) context.addIssue({ code: "custom", path: ["points"], message: `a ${object.kind} has ${wanted} point(s)` });
    if ((object.kind === "text") !== (object.text !== undefined)) context.addIssue({ code: "custom", path: ["text"], message: "text objects, and only they, carry text" });
  });
export type DrawingObject = z.infer<typeof drawingObjectSchema>;

/** Who wrote something, as shown: in local mode each browser names itself. */
export const authorSchema = z.object({ id: userId, name: z.string().max(60), color: colour }).strict();
export type Author = z.infer<typeof authorSchema>;

const body = z.string().trim().min(1, "a comment needs some text").max(COMMENT_LIMITS.bodyLength, `comments are at most ${COMMENT_LIMITS.bodyLength} characters`);
const mentions = z.array(userId).max(COMMENT_LIMITS.mentions);
/** In local mode the browser's own name and colour; ignored with accounts, where the account's are used. */
export const signedAs = z.object({ name: z.string().trim().min(1).max(60), color: colour }).strict().optional();

// ── client → server ────────────────────────────────────────────────────────────

export const threadCreateSchema = z
  .object({
    anchor: frameAnchorSchema,
    /** The end of a span of frames, on the same chain. */
    rangeEnd: frameAnchorSchema.nullable().default(null),
    spot: spotSchema.nullable().default(null),
    /** The frame as it was when pinned; its hash is computed by the server. */
    recipe: frameRecipeSchema,
    thumbnail: z.string().startsWith("data:image/jpeg;base64,").max(COMMENT_LIMITS.thumbnailChars),
    body,
    mentions: mentions.default([]),
    as: signedAs,
  })
  .strict();
export type ThreadCreate = z.input<typeof threadCreateSchema>;

export const commentAddSchema = z.object({ threadId: id, body, mentions: mentions.default([]), as: signedAs }).strict();
export const commentEditSchema = z.object({ commentId: id, body, mentions: mentions.default([]) }).strict();
export const commentDeleteSchema = z.object({ commentId: id }).strict();
export const threadResolveSchema = z.object({ threadId: id, resolved: z.boolean(), as: signedAs }).strict();
export const reactionToggleSchema = z.object({ commentId: id, emoji: z.enum(REACTIONS) }).strict();
export const drawingChangeSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("put"), threadId: id, object: drawingObjectSchema }).strict(),
  z.object({ op: z.literal("delete"), threadId: id, objectId: id }).strict(),
]);
export type DrawingChange = z.infer<typeof drawingChangeSchema>;
export const threadReadSchema = z.object({ threadId: id }).strict();
/**
 * `as`: in local mode, the name this browser signs with ("your" unread notes and mentions
 * are by that name). `since`: the `asOf` of summaries held already, for those changed since.
 */
export const threadsLoadSchema = z.object({ as: signedAs, since: z.iso.datetime().optional() }).strict();
/**
 * GET /api/rooms/:id/threads/summaries: `as` as in threads:load; with `max`, a room of
 * more threads answers 204 and nothing (the room page carries small rooms' notes itself).
 */
export const threadSummariesQuerySchema = z
  .object({ as: z.string().trim().min(1).max(60).optional(), max: z.coerce.number().int().min(0).max(100_000).optional() })
  .strict();
/** Whole threads (comments, drawing) by id: the one opened, the rows of the Notes list in view. */
export const threadsFetchSchema = z.object({ ids: z.array(id).min(1).max(COMMENT_LIMITS.fetchThreads) }).strict();

/**
 * The owner tidies a room's notes: resolves or deletes every note that matches all the
 * criteria given (at least one): these ids, by this author, on this chain, resolved more
 * than this many days ago.
 */
export const threadsBulkSchema = z
  .object({
    action: z.enum(["resolve", "delete"]),
    match: z
      .object({
        ids: z.array(id).min(1).max(COMMENT_LIMITS.fetchThreads).optional(),
        author: userId.optional(),
        chain: id.optional(),
        resolvedDaysAgo: z.number().int().min(0).max(3650).optional(),
      })
      .strict()
      .refine((m) => Object.values(m).some((v) => v !== undefined), { message: "say which notes: by ids, author, chain or resolved days ago" }),
  })
  .strict();
export type ThreadsBulk = z.infer<typeof threadsBulkSchema>;
export const threadsBulkAckSchema = resultSchema({ count: z.number().int().min(0) });
export type ThreadsBulkAck = Result<{ count: number }>;

/** The notes of the room one of whose comments holds `text` (any case). */
export const threadsSearchSchema = z.object({ text: z.string().trim().min(1, "search for some text").max(100, "searches are at most 100 characters") }).strict();
export const threadsSearchAckSchema = resultSchema({ ids: z.array(id).max(COMMENT_LIMITS.searchThreads), more: z.boolean() });
export type ThreadsSearchAck = Result<{ ids: string[]; more: boolean }>;

// ── server → client ────────────────────────────────────────────────────────────

export const reactionSchema = z.object({ emoji: z.enum(REACTIONS), userIds: z.array(userId) }).strict();

export const commentSchema = z
  .object({
    id,
    threadId: id,
    author: authorSchema,
    /** Empty once deleted: the comment keeps its place in the thread. */
    body: z.string(),
    mentions: z.array(userId),
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    deletedAt: z.string().nullable(),
    reactions: z.array(reactionSchema),
  })
  .strict();
export type Comment = z.infer<typeof commentSchema>;

export const threadSchema = z
  .object({
    id,
    roomId: id,
    author: authorSchema,
    anchor: frameAnchorSchema,
    rangeEnd: frameAnchorSchema.nullable(),
    spot: spotSchema.nullable(),
    recipe: frameRecipeSchema,
    recipeHash: z.string(),
    /** The sha256 of the pinned frame's JPEG, served by GET /api/rooms/:id/thumbnails/:hash; null when it could not be kept. */
    thumbnail: sha256Hex.nullable(),
    status: z.enum(["open", "resolved"]),
    resolvedBy: authorSchema.nullable(),
    resolvedAt: z.string().nullable(),
    createdAt: z.string(),
    comments: z.array(commentSchema),
    drawing: z.array(drawingObjectSchema),
  })
  .strict();
export type Thread = z.infer<typeof threadSchema>;

/**
 * What the timeline needs of a thread, and nothing more: a join sends one per thread,
 * oldest first, and the comments and drawing load when the thread is opened or comes
 * into view.
 */
export const threadSummarySchema = z
  .object({
    id,
    author: authorSchema,
    anchor: frameAnchorSchema,
    rangeEnd: frameAnchorSchema.nullable(),
    spot: spotSchema.nullable(),
    /** Enough of the pinned recipe to tell whether today's frame there is still the pinned image. */
    pinned: pinnedLookSchema,
    status: z.enum(["open", "resolved"]),
    comments: z.number().int().min(0),
    lastActivityAt: z.string(),
    /** Your own view of it: someone else wrote in it since you last read it, it mentions you, you wrote in it. */
    unread: z.boolean(),
    mentionsYou: z.boolean(),
    youWrote: z.boolean(),
    drawn: z.boolean(),
  })
  .strict();
export type ThreadSummary = z.infer<typeof threadSummarySchema>;
export const threadSummariesSchema = z.array(threadSummarySchema);

/** A room's thread summaries as one reader sees them, and the time to ask for changes since. */
export const threadSummaryPackSchema = z
  .object({
    asOf: z.iso.datetime(),
    reader: z.object({ userId, localName: z.string().nullable() }).strict(),
    summaries: threadSummariesSchema,
    /** With `since`: the notes deleted since then. */
    deleted: z.array(id),
  })
  .strict();
export type ThreadSummaryPack = z.infer<typeof threadSummaryPackSchema>;

/** The summary pack as gzipped JSON (see unpackJson): thousands of ids and anchors shrink well. GET /api/rooms/:id/threads/summaries answers the same bytes. */
export const threadsLoadAckSchema = resultSchema({ pack: binarySchema });
export type ThreadsLoadAck = Result<{ pack: Uint8Array }>;
export const threadsFetchAckSchema = resultSchema({ threads: z.array(threadSchema) });
export type ThreadsFetchAck = Result<{ threads: Thread[] }>;
export const threadAckSchema = resultSchema({ thread: threadSchema });
export type ThreadAck = Result<{ thread: Thread }>;
export const okAckSchema = resultSchema({});
export type OkAck = Result<object>;

// ── HTTP ───────────────────────────────────────────────────────────────────────

/** GET /api/rooms/:id/threads filters, from the query string. */
export const threadsQuerySchema = z
  .object({
    status: z.enum(["open", "resolved"]).optional(),
    chain: id.optional(),
    author: userId.optional(),
    mentions: z.literal("me").optional(),
  })
  .strict();
export const threadListSchema = z.object({ threads: z.array(threadSchema) });
export type ThreadList = z.infer<typeof threadListSchema>;

/** GET /api/rooms/:id/notes/usage: how much of its note budget a room has used (its owner's view). */
export const noteUsageSchema = z
  .object({
    threads: z.number().int().min(0),
    bytes: z.number().int().min(0),
    drawingPoints: z.number().int().min(0),
    limits: z.object({ threads: z.number().int(), bytes: z.number().int(), drawingPoints: z.number().int(), commentsPerThread: z.number().int(), writesPerMinute: z.number().int() }).strict(),
  })
  .strict();
export type NoteUsage = z.infer<typeof noteUsageSchema>;

/** GET /api/rooms/:id/notes?format=csv|html: the shot list. */
export const notesQuerySchema = z.object({ format: z.enum(["csv", "html"]) }).strict();
