// The notes-at-scale migration on a database that has notes from before it, on PGlite and
// (with TEST_DATABASE_URL) Postgres: each thumbnail's base64 text becomes bytes kept once by
// their hash, a thumbnail that was never base64 leaves its note without one rather than
// stopping the server, and the summaries fill in what the timeline needs of old recipes.
import { cp, mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readConfig } from "@umbra/collab-server";
import { DEFAULT_MIGRATIONS_DIR, openDatabase, type Database } from "@umbra/db";
import { createScratchTarget, scratchKinds } from "@umbra/db/testing";
import { pinnedLook, seedFrameRecipe } from "@umbra/latent";
import { CommentStore } from "../../apps/collab-server/src/comments/comment-store.js";
import { THUMBNAIL } from "../support/bulk-notes.js";

const MIGRATION = "20261206100000_note_files";

/** The migrations folder as it was before this one. */
async function migrationsBefore(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "umbra-migrations-before-"));
  for (const entry of await readdir(DEFAULT_MIGRATIONS_DIR)) if (entry < name) await cp(join(DEFAULT_MIGRATIONS_DIR, entry), join(dir, entry), { recursive: true });
  return dir;
}

describe.each(scratchKinds())("the note files migration on %s", (kind) => {
  it("moves thumbnails into files kept once by hash, and survives one that was never base64", async () => {
    const scratch = await createScratchTarget(kind);
    let db: Database | undefined;
    try {
      const old = await openDatabase(scratch.target, { migrationsDir: await migrationsBefore(MIGRATION) });
      const recipe = JSON.stringify(seedFrameRecipe("builtin/cppn", 9));
      const anchor = JSON.stringify({ kind: "keyframe", chainId: "c", keyframeId: "k" });
      await old.sql.query(`INSERT INTO "User" (id, login, "displayName", color) VALUES ('00000000-0000-4000-8000-0000000000aa', 'old', 'Old', '#ffffff')`);
      await old.sql.query(`INSERT INTO "Room" (id, name, model) VALUES ('00000000-0000-4000-8000-0000000000bb', 'Old room', 'builtin/cppn')`);
      const thumbnails = { a: THUMBNAIL, b: THUMBNAIL, junk: "data:image/jpeg;base64,!!not base64!!" };
      for (const [i, thumbnail] of Object.values(thumbnails).entries()) {
        await old.sql.query(
          `INSERT INTO "CommentThread" (id, "roomId", "authorId", "authorName", "authorColor", anchor, recipe, "recipeHash", thumbnail)
           VALUES ('00000000-0000-4000-8000-00000000000${i}', '00000000-0000-4000-8000-0000000000bb', '00000000-0000-4000-8000-0000000000aa', 'Old', '#ffffff', '${anchor}', '${recipe}', 'h', '${thumbnail}')`,
        );
      }
      await old.close();

      db = await openDatabase(scratch.target);
      // This migration first, then any written after it.
      expect(db.migrations.applied[0]).toBe(MIGRATION);
      const kept = await db.prisma.noteThumbnail.findMany();
      expect(kept).toHaveLength(1);
      expect(Buffer.from(kept[0]!.bytes).equals(Buffer.from(THUMBNAIL.slice("data:image/jpeg;base64,".length), "base64"))).toBe(true);
      const threads = await db.prisma.commentThread.findMany({ orderBy: { id: "asc" } });
      expect(threads.map((t) => t.thumbnailHash)).toEqual([kept[0]!.hash, kept[0]!.hash, null]);
      expect(threads.map((t) => t.pinned)).toEqual([null, null, null]);

      // The first summaries of the room fill in what the timeline needs of each old recipe.
      const store = new CommentStore(db.prisma, readConfig({}).notes);
      await store.summaries("00000000-0000-4000-8000-0000000000bb", { userId: "00000000-0000-4000-8000-0000000000aa", localName: null });
      const filled = await db.prisma.commentThread.findMany({ select: { pinned: true } });
      expect(filled.map((t) => t.pinned)).toEqual(Array(3).fill(pinnedLook(JSON.parse(recipe))));
    } finally {
      await db?.close();
      await scratch.dispose();
    }
  });
});
