// A room's notes written straight into the database in bulk, as if made over months:
// a few statements for thousands of threads and comments, so a test or the bench can
// build a 10,000-note room in seconds. Each note is pinned at its own t of one transition.
import { Prisma, type PrismaClient } from "@umbra/db";
import { pinnedLook, recipeHash, seedFrameRecipe } from "@umbra/latent";

/** A real JPEG's first bytes: what the server checks a thumbnail by. */
export const THUMBNAIL = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQ==";

export interface BulkNotes {
  roomId: string;
  model: string;
  authorId: string;
  chainId: string;
  fromKeyframeId: string;
  threads: number;
  commentsPerThread: number;
}

/** Writes the notes a minute apart, the last a minute ago, each with its comments a second apart, by authors named "Reviewer 0" to "Reviewer 6". */
export async function addBulkNotes(prisma: PrismaClient, notes: BulkNotes): Promise<void> {
  const recipes = Array.from({ length: notes.threads }, (_, i) => seedFrameRecipe(notes.model, i));
  const anchors = recipes.map((_, i) => JSON.stringify({ kind: "transition", chainId: notes.chainId, fromKeyframeId: notes.fromKeyframeId, t: i / notes.threads }));
  await prisma.$executeRaw(Prisma.sql`
    INSERT INTO "CommentThread" (id, "roomId", "authorId", "authorName", "authorColor", anchor, recipe, "recipeHash", pinned, "createdAt", "updatedAt")
    SELECT gen_random_uuid(), ${notes.roomId}::uuid, ${notes.authorId}::uuid, 'Reviewer ' || (n % 7), '#4cc9f0', a, r, h, p, at, at
    FROM unnest(${anchors}::jsonb[], ${recipes.map((r) => JSON.stringify(r))}::jsonb[], ${recipes.map(recipeHash)}::text[], ${recipes.map((r) => JSON.stringify(pinnedLook(r)))}::jsonb[])
      WITH ORDINALITY AS v(a, r, h, p, n),
      LATERAL (SELECT now() - (${notes.threads} - n + 1) * interval '1 minute' AS at) AS written`);
  await prisma.$executeRaw(Prisma.sql`
    INSERT INTO "Comment" (id, "threadId", "authorId", "authorName", "authorColor", body, mentions, "createdAt")
    SELECT gen_random_uuid(), t.id, t."authorId", 'Reviewer', '#4cc9f0', 'comment ' || c || ' on this note', '{}', t."createdAt" + c * interval '1 second'
    FROM "CommentThread" t, generate_series(1, ${notes.commentsPerThread}) AS c
    WHERE t."roomId" = ${notes.roomId}::uuid`);
  // What the database's own analysis does soon after a bulk write (autovacuum in
  // Postgres, startAutoAnalyze in PGlite), done now: months of notes would have had it.
  await prisma.$executeRaw`ANALYZE "CommentThread", "Comment"`;
}
