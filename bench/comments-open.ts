// Opening a room with 500 notes and 5,000 comments in Chromium, until every note is on
// the timeline. The notes are written straight to the database, as if made over weeks.
import { seedFrameRecipe } from "@umbra/latent";
import { startStudio } from "../tests/support/studio.js";
import { roomWithChain } from "./room-with-chain.js";

export const THREADS = 500;
export const COMMENTS_PER_THREAD = 10;
const OPENS = 3;
const THUMBNAIL = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQ==";

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Until every pin shows, and until the chain alone shows (what opening any room costs here). */
export async function measureCommentsOpen(): Promise<{ p50: number; timelineP50: number; opens: number[] }> {
  const studio = await startStudio({ kind: "pglite", open: true, withWorker: "process" });
  try {
    const { room, chain, editor } = await roomWithChain(studio, "500 notes", { frames: 5001, seeds: [1, 2] });
    const chainId = chain.id;
    const first = chain.keyframes[0]!.id;
    const me = (await studio.stack.api.expect(200, "GET", "/api/auth/me")) as { user: { id: string } };
    const prisma = studio.stack.database.prisma;
    for (let i = 0; i < THREADS; i++) {
      await prisma.commentThread.create({
        data: {
          roomId: room.id,
          authorId: me.user.id,
          authorName: `Reviewer ${i % 7}`,
          authorColor: "#4cc9f0",
          anchor: { kind: "transition", chainId, fromKeyframeId: first, t: i / THREADS },
          recipe: seedFrameRecipe(room.model, i) as object,
          recipeHash: `h${i}`,
          thumbnail: THUMBNAIL,
          comments: { create: Array.from({ length: COMMENTS_PER_THREAD }, (_, c) => ({ authorId: me.user.id, authorName: "Reviewer", authorColor: "#4cc9f0", body: `comment ${c} on note ${i}`, mentions: [] })) },
        },
      });
    }
    editor.destroy();
    const opens: number[] = [];
    const timelines: number[] = [];
    for (let n = 0; n < OPENS; n++) {
      const page = await (await studio.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
      const started = Date.now();
      await page.goto(`${studio.web.url}/rooms/${room.id}`);
      // The room itself first (its chain on the timeline), then every note on it.
      await page.getByTestId("frame-counter").getByText("of 5001").waitFor({ timeout: 60_000 });
      timelines.push(Date.now() - started);
      // Every note counted in the pins (a cluster's number says how many it holds).
      // A function, not a string: the studio's CSP refuses eval.
      await page.waitForFunction((n) => Array.from(document.querySelectorAll('[data-testid="note-pin"]')).reduce((sum, pin) => sum + (Number(pin.textContent) || 1), 0) === n, THREADS, {
        timeout: 60_000,
        polling: 10,
      });
      opens.push(Date.now() - started);
      await page.context().close();
    }
    return { p50: median(opens), timelineP50: median(timelines), opens };
  } finally {
    await studio.close();
  }
}
