import { Prisma, type PrismaClient } from "@umbra/db";

/** What a room's notes hold now, counted against its caps (see NoteLimits). */
export interface RoomNoteUsage {
  threads: number;
  /** Comment text, thumbnails (each once) and drawings, in bytes. */
  bytes: number;
  drawingPoints: number;
}

/** The room's notes counted in one statement, so a write is checked against its caps before it is kept. */
export async function roomNoteUsage(prisma: PrismaClient, roomId: string): Promise<RoomNoteUsage> {
  const [row] = await prisma.$queryRaw<{ threads: number; text: number; thumbnails: number; drawing: number; points: number }[]>(Prisma.sql`
    WITH room_threads AS (SELECT id, "thumbnailHash" FROM "CommentThread" WHERE "roomId" = ${roomId}::uuid)
    SELECT
      (SELECT count(*) FROM room_threads)::float8 AS threads,
      (SELECT coalesce(sum(octet_length(c.body)), 0) FROM "Comment" c WHERE c."threadId" IN (SELECT id FROM room_threads))::float8 AS text,
      (SELECT coalesce(sum(octet_length(n.bytes)), 0) FROM "NoteThumbnail" n WHERE n.hash IN (SELECT "thumbnailHash" FROM room_threads))::float8 AS thumbnails,
      (SELECT coalesce(sum(octet_length(d.object::text)), 0) FROM "DrawingObject" d WHERE d."threadId" IN (SELECT id FROM room_threads))::float8 AS drawing,
      (SELECT coalesce(sum(jsonb_array_length(d.object->'points')), 0) FROM "DrawingObject" d WHERE d."threadId" IN (SELECT id FROM room_threads))::float8 AS points`);
  return { threads: row?.threads ?? 0, bytes: (row?.text ?? 0) + (row?.thumbnails ?? 0) + (row?.drawing ?? 0), drawingPoints: row?.points ?? 0 };
}
