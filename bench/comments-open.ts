// Opening a room full of notes in Chromium, until every note is on the timeline, and
// how many bytes the join's notes answer carries. The notes are written straight to
// the database in bulk, as if made over months.
import { Prisma, type PrismaClient } from "@umbra/db";
import { EVENTS, threadsLoadAckSchema } from "@umbra/protocol";
import { addBulkNotes } from "../tests/support/bulk-notes.js";
import { emitWithAck, joinedRoomSocket } from "../tests/support/stack.js";
import { asReturningVisitor } from "../tests/support/returning-visitor.js";
import { startStudio } from "../tests/support/studio.js";
import { percentile } from "./bench-results.js";
import { chainShown, markWhenShown, pinsShown, shownAt } from "./page-clock.js";
import { roomWithChain } from "../tests/support/room-with-chain.js";

const OPENS = 4;
const FRAMES = 5001;


export interface NotesRoom {
  threads: number;
  commentsPerThread: number;
}

/** Someone replies to the room's first note, as the studio would write it: the room's notes have changed. */
async function replyToFirstNote(prisma: PrismaClient, roomId: string, authorId: string): Promise<void> {
  await prisma.$executeRaw(Prisma.sql`
    WITH first AS (SELECT id FROM "CommentThread" WHERE "roomId" = ${roomId}::uuid ORDER BY "createdAt" LIMIT 1),
         reply AS (INSERT INTO "Comment" (id, "threadId", "authorId", "authorName", "authorColor", body, mentions)
                   SELECT gen_random_uuid(), id, ${authorId}::uuid, 'Reviewer 2', '#4cc9f0', 'One more thing', '{}' FROM first)
    UPDATE "CommentThread" SET "updatedAt" = now() WHERE id IN (SELECT id FROM first)`);
}

/**
 * Until every pin shows, until the chain alone shows (what opening any room costs here),
 * and the join's notes answer in bytes. Opened as it stands, then each time just after
 * someone replied to a note: the server summarises the room's notes afresh for those.
 */
export async function measureCommentsOpen({ threads, commentsPerThread }: NotesRoom): Promise<{ p50: number; p50AfterAChange: number; timelineP50: number; opens: number[]; opensAfterAChange: number[]; loadBytes: number }> {
  const studio = await startStudio({ kind: "pglite", open: true, withWorker: "process" });
  try {
    const { room, chain, editor } = await roomWithChain(studio, `${threads} notes`, { frames: FRAMES, seeds: [1, 2] });
    const me = (await studio.stack.api.expect(200, "GET", "/api/auth/me")) as { user: { id: string } };
    await addBulkNotes(studio.stack.database.prisma, { roomId: room.id, model: room.model, authorId: me.user.id, chainId: chain.id, fromKeyframeId: chain.keyframes[0]!.id, threads, commentsPerThread });
    editor.destroy();

    const socket = await joinedRoomSocket(studio.stack.collab.url, studio.stack.api, room.id);
    const answer = threadsLoadAckSchema.parse(await emitWithAck(socket, EVENTS.threadsLoad, {}));
    socket.close();
    if (!answer.ok) throw new Error(`the notes did not load: ${answer.error.message}`);

    const open = async () => {
      const context = await studio.browser.newContext({ viewport: { width: 1440, height: 900 } });
      // Someone who has reviewed here before: the page fetches the notes as them at once.
      await asReturningVisitor(context, studio.web.url, { name: "Reviewer 1", color: "#f4a261" });
      // The room itself first (its chain on the timeline), then every note on it.
      await markWhenShown(context, "chainShownAt", chainShown(FRAMES));
      await markWhenShown(context, "pinsShownAt", pinsShown(threads));
      const page = await context.newPage();
      await page.goto(`${studio.web.url}/rooms/${room.id}`, { waitUntil: "commit" });
      const shown = { timeline: await shownAt(page, "chainShownAt"), pins: await shownAt(page, "pinsShownAt") };
      await context.close();
      return shown;
    };
    const opens: number[] = [];
    const timelines: number[] = [];
    for (let n = 0; n < OPENS; n++) {
      const { timeline, pins } = await open();
      timelines.push(timeline);
      opens.push(pins);
    }
    const opensAfterAChange: number[] = [];
    for (let n = 0; n < OPENS - 1; n++) {
      await replyToFirstNote(studio.stack.database.prisma, room.id, me.user.id);
      opensAfterAChange.push((await open()).pins);
    }
    // The first open also warms the server's own caches (Next's compiled routes): it is left out.
    return {
      p50: percentile(opens.slice(1), 50),
      p50AfterAChange: percentile(opensAfterAChange, 50),
      timelineP50: percentile(timelines.slice(1), 50),
      opens,
      opensAfterAChange,
      loadBytes: answer.pack.byteLength,
    };
  } finally {
    await studio.close();
  }
}
