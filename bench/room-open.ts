// Opening a room in Chromium: from the start of navigation until its chain shows (the
// counter says how many frames it has), on a room of one chain and no notes. Each open
// is a new browser context, as a first visit is: nothing cached.
import { startStudio } from "../tests/support/studio.js";
import { percentile } from "./bench-results.js";
import { chainShown, markWhenShown, shownAt } from "./page-clock.js";
import { roomWithChain } from "../tests/support/room-with-chain.js";

const OPENS = 7;
const FRAMES = 48;

export async function measureRoomOpen(): Promise<{ p50: number; opens: number[] }> {
  const studio = await startStudio({ kind: "pglite", open: true, withWorker: "process" });
  try {
    const { room, editor } = await roomWithChain(studio, "open", { model: null, frames: FRAMES, seeds: [1, 2] });
    editor.destroy();
    const opens: number[] = [];
    for (let n = 0; n < OPENS; n++) {
      const context = await studio.browser.newContext({ viewport: { width: 1440, height: 900 } });
      await markWhenShown(context, "chainShownAt", chainShown(FRAMES));
      const page = await context.newPage();
      await page.goto(`${studio.web.url}/rooms/${room.id}`, { waitUntil: "commit" });
      opens.push(await shownAt(page, "chainShownAt"));
      await context.close();
    }
    // The first open also warms the server's own caches (Next's compiled routes): it is left out.
    return { p50: percentile(opens.slice(1), 50), opens };
  } finally {
    await studio.close();
  }
}
