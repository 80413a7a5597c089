// Opening a room in Chromium: from the start of navigation until its chain shows (the
// counter says how many frames it has), on a room of one chain and no notes. Each open
// is a new browser context, as a first visit is: nothing cached.
import { startStudio } from "../tests/support/studio.js";
import { percentile } from "./bench-results.js";
import { roomWithChain } from "./room-with-chain.js";

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
      // The page's own clock, from the start of navigation, notes when the chain's counter is first in the
      // document: a poll from outside would wait for a gap in the page's scripts, and be late.
      // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
      await context.addInitScript(`new MutationObserver((_, observer) => {
        if (!document.querySelector('[data-testid="frame-counter"]')?.textContent?.includes("of ${FRAMES}")) return;
        observer.disconnect();
        // The frame that shows it: a page paints nothing before its stylesheet, and rAF waits for that paint.
        requestAnimationFrame(() => (window.chainShownAt = performance.now()));
      }).observe(document, { subtree: true, childList: true, characterData: true })`);
      const page = await context.newPage();
      await page.goto(`${studio.web.url}/rooms/${room.id}`, { waitUntil: "commit" });
      await page.waitForFunction(() => "chainShownAt" in window, undefined, { timeout: 60_000 });
      opens.push(Math.round(await page.evaluate(() => (window as unknown as { chainShownAt: number }).chainShownAt)));
      await context.close();
    }
    // The first open also warms the server's own caches (Next's compiled routes): it is left out.
    return { p50: percentile(opens.slice(1), 50), opens };
  } finally {
    await studio.close();
  }
}
