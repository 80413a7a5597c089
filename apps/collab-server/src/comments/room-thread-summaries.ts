import { Prisma, type PrismaClient } from "@umbra/db";
import type { NoteReaderId } from "@umbra/protocol";

/** A time as the wire writes them everywhere (Date.toISOString), so texts compare as times. */
const iso = (column: Prisma.Sql) => Prisma.sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * One summary per thread of the room (changed or read since `since`), oldest first, as `reader` sees them; the
 * same rules as summarizeThread's, for a whole room: one query that Postgres
 * aggregates into one JSON text (comments grouped once, not per thread). The text
 * goes out as it is: parsing and checking ten thousand summaries here only to write
 * them again took a third of the time. What it holds was checked with the wire's
 * schemas when written, and the studio checks the summaries with theirs.
 */
export async function roomThreadSummariesJson(prisma: PrismaClient, roomId: string, reader: NoteReaderId, since: Date | null): Promise<string> {
  const changed = since === null ? Prisma.empty : Prisma.sql`AND (t."updatedAt" > ${since} OR r."readAt" > ${since})`;
  const yours =
    reader.localName === null
      ? Prisma.sql`c."authorId" = ${reader.userId}::uuid`
      : Prisma.sql`c."authorName" = ${reader.localName}`;
  const mentionsYou =
    reader.localName === null
      ? Prisma.sql`${reader.userId}::uuid = ANY(c.mentions)`
      : Prisma.sql`position(${`@${reader.localName}`} in c.body) > 0`;
  const [row] = await prisma.$queryRaw<{ summaries: string }[]>(Prisma.sql`
    WITH counted AS (
      SELECT c."threadId",
             count(*)::int AS comments,
             max(c."createdAt") AS last,
             max(c."createdAt") FILTER (WHERE NOT (${yours})) AS "lastFromOthers",
             coalesce(bool_or(c."deletedAt" IS NULL AND ${mentionsYou}), false) AS "mentionsYou",
             coalesce(bool_or(${yours}), false) AS "youWrote"
      FROM "Comment" c JOIN "CommentThread" t ON t.id = c."threadId"
      WHERE t."roomId" = ${roomId}::uuid
      GROUP BY c."threadId"
    ), drawn AS (
      SELECT DISTINCT d."threadId" FROM "DrawingObject" d JOIN "CommentThread" t ON t.id = d."threadId" WHERE t."roomId" = ${roomId}::uuid
    )
    SELECT coalesce(json_agg(json_build_object(
      'id', t.id,
      'author', json_build_object('id', t."authorId", 'name', t."authorName", 'color', t."authorColor"),
      'anchor', t.anchor,
      'rangeEnd', t."rangeEnd",
      'spot', t.spot,
      'pinned', t.pinned,
      'status', CASE WHEN t."resolvedAt" IS NULL THEN 'open' ELSE 'resolved' END,
      'comments', coalesce(n.comments, 0),
      'lastActivityAt', ${iso(Prisma.sql`greatest(n.last, t."createdAt")`)},
      'unread', coalesce(n."lastFromOthers" > coalesce(r."readAt", '-infinity'), false),
      'mentionsYou', coalesce(n."mentionsYou", false),
      'youWrote', coalesce(n."youWrote", false),
      'drawn', d."threadId" IS NOT NULL
    ) ORDER BY t."createdAt"), '[]')::text AS summaries
    FROM "CommentThread" t
    LEFT JOIN counted n ON n."threadId" = t.id
    LEFT JOIN drawn d ON d."threadId" = t.id
    LEFT JOIN "ThreadRead" r ON r."threadId" = t.id AND r."userId" = ${reader.userId}::uuid
    WHERE t."roomId" = ${roomId}::uuid ${changed}`);
  return row?.summaries ?? "[]";
}
