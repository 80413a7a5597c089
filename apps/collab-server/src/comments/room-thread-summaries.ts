import { Prisma, type PrismaClient } from "@umbra/db";
import type { NoteReaderId } from "@umbra/protocol";

/** A time as the wire writes them everywhere (Date.toISOString), so texts compare as times. */
const iso = (column: Prisma.Sql) => Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The part of each thread's summary that is the same for everyone, as JSON object text
 * without its closing brace (the reader's own fields close it: see summariesText),
 * oldest first, with the threads' ids in the same order.
 */
export interface RoomSummaryParts {
  ids: string[];
  parts: string[];
}

/** Which of the room's threads are unread by the reader, mention them, and have a comment of theirs. */
export interface ReaderMarks {
  unread: Set<string>;
  mentionsYou: Set<string>;
  youWrote: Set<string>;
}

/** Threads changed since a time, or read by the reader since then: what a reconnect asks for. */
export interface ChangedSince {
  since: Date;
  reader: NoteReaderId;
}

const changedFilter = (changed: ChangedSince | null) =>
  changed === null ? Prisma.empty : Prisma.sql`AND (t."updatedAt" > ${changed.since} OR EXISTS (SELECT 1 FROM "ThreadRead" r WHERE r."threadId" = t.id AND r."userId" = ${changed.reader.userId}::uuid AND r."readAt" > ${changed.since}))`;

/**
 * What changes whenever any thread of the room changes: each change moves a thread's
 * `updatedAt` strictly forward (CommentStore.changed), a new note adds one, and a
 * deleted one adds a tombstone. A cache of the room's parts holds while it is the same.
 */
export async function roomNotesVersion(prisma: PrismaClient, roomId: string): Promise<string> {
  const [row] = await prisma.$queryRaw<{ version: string }[]>(Prisma.sql`
    SELECT count(*) || ':' || coalesce(sum(extract(epoch FROM t."updatedAt")), 0) || ':' || count(t."resolvedAt") || ':' ||
           (SELECT count(*) FROM "DeletedThread" d WHERE d."roomId" = ${roomId}::uuid) AS version
    FROM "CommentThread" t WHERE t."roomId" = ${roomId}::uuid`);
  return row!.version;
}

/**
 * Everyone's part of the room's summaries (of those changed since, with `changed`), by
 * the same rules as summarizeThread's: one query, comments grouped once, not per
 * thread, and the JSON written by Postgres. It goes out as it is: parsing and checking
 * ten thousand summaries here only to write them again took a third of the time.
 * What it holds was checked with the wire's schemas when written, and the studio
 * checks the summaries with theirs.
 */
export async function roomSummaryParts(prisma: PrismaClient, roomId: string, changed: ChangedSince | null): Promise<RoomSummaryParts> {
  const [row] = await prisma.$queryRaw<{ ids: string; parts: string }[]>(Prisma.sql`
    WITH counted AS (
      SELECT c."threadId", count(*)::int AS comments, max(c."createdAt") AS last
      FROM "Comment" c JOIN "CommentThread" t ON t.id = c."threadId"
      WHERE t."roomId" = ${roomId}::uuid
      GROUP BY c."threadId"
    ), drawn AS (
      SELECT DISTINCT d."threadId" FROM "DrawingObject" d JOIN "CommentThread" t ON t.id = d."threadId" WHERE t."roomId" = ${roomId}::uuid
    )
    SELECT coalesce(string_agg(t.id::text, ',' ORDER BY t."createdAt"), '') AS ids,
           coalesce(string_agg(left(json_build_object(
             'id', t.id,
             'author', json_build_object('id', t."authorId", 'name', t."authorName", 'color', t."authorColor"),
             'anchor', t.anchor,
             'rangeEnd', t."rangeEnd",
             'spot', t.spot,
             'pinned', t.pinned,
             'status', CASE WHEN t."resolvedAt" IS NULL THEN 'open' ELSE 'resolved' END,
             'comments', coalesce(n.comments, 0),
             'lastActivityAt', ${iso(Prisma.sql`greatest(n.last, t."createdAt")`)},
             'drawn', d."threadId" IS NOT NULL
           )::text, -1), E'\n' ORDER BY t."createdAt"), '') AS parts
    FROM "CommentThread" t
    LEFT JOIN counted n ON n."threadId" = t.id
    LEFT JOIN drawn d ON d."threadId" = t.id
    WHERE t."roomId" = ${roomId}::uuid ${changedFilter(changed)}`);
  // JSON text never holds a raw newline, so it parts the objects safely.
  return row!.ids === "" ? { ids: [], parts: [] } : { ids: row!.ids.split(","), parts: row!.parts.split("\n") };
}

/** The reader's own view of the room's threads (of those changed since, with `changed`): one pass over the room's comments. */
export async function readerMarks(prisma: PrismaClient, roomId: string, reader: NoteReaderId, changed: ChangedSince | null): Promise<ReaderMarks> {
  const yours =
    reader.localName === null
      ? Prisma.sql`c."authorId" = ${reader.userId}::uuid`
      : Prisma.sql`c."authorName" = ${reader.localName}`;
  const mentionsYou =
    reader.localName === null
      ? Prisma.sql`${reader.userId}::uuid = ANY(c.mentions)`
      : Prisma.sql`position(${`@${reader.localName}`} in c.body) > 0`;
  const [row] = await prisma.$queryRaw<{ unread: string; mentions: string; wrote: string }[]>(Prisma.sql`
    WITH yours AS (
      SELECT c."threadId",
             max(c."createdAt") FILTER (WHERE NOT (${yours})) AS "lastFromOthers",
             bool_or(c."deletedAt" IS NULL AND ${mentionsYou}) AS "mentionsYou",
             bool_or(${yours}) AS "youWrote"
      FROM "Comment" c JOIN "CommentThread" t ON t.id = c."threadId"
      WHERE t."roomId" = ${roomId}::uuid ${changedFilter(changed)}
      GROUP BY c."threadId"
    )
    SELECT coalesce(string_agg(y."threadId"::text, ',') FILTER (WHERE y."lastFromOthers" > coalesce(r."readAt", '-infinity')), '') AS unread,
           coalesce(string_agg(y."threadId"::text, ',') FILTER (WHERE y."mentionsYou"), '') AS mentions,
           coalesce(string_agg(y."threadId"::text, ',') FILTER (WHERE y."youWrote"), '') AS wrote
    FROM yours y LEFT JOIN "ThreadRead" r ON r."threadId" = y."threadId" AND r."userId" = ${reader.userId}::uuid`);
  const ids = (list: string) => new Set(list === "" ? [] : list.split(","));
  return { unread: ids(row!.unread), mentionsYou: ids(row!.mentions), youWrote: ids(row!.wrote) };
}

/** The summaries as one JSON array text: everyone's part of each, closed by the reader's own fields. */
export function summariesText({ ids, parts }: RoomSummaryParts, marks: ReaderMarks): string {
  const closing = (id: string) => `, "unread" : ${marks.unread.has(id)}, "mentionsYou" : ${marks.mentionsYou.has(id)}, "youWrote" : ${marks.youWrote.has(id)}}`;
  return `[${parts.map((part, i) => part + closing(ids[i]!)).join(",")}]`;
}
