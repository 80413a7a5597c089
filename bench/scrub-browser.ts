// A scrub in a real browser: click the ruler at a frame nobody has rendered, and time
// until that frame is on screen. The worker runs in its own process, as in production.
import { frameRecipeAt } from "@umbra/doc";
import { recipeHash } from "@umbra/latent";
import { startStudio } from "../tests/support/studio.js";
import { roomWithChain } from "../tests/support/room-with-chain.js";
import { percentile } from "./bench-results.js";

const SCRUBS = 20;
/** Long enough that every scrub lands far from every frame fetched before. */
const TRANSITION_FRAMES = 9000;
/** A person looks at a frame before moving on; prefetch works meanwhile. */
const PAUSE_MS = 700;

export async function measureScrub(): Promise<{ p50: number; p90: number; scrubs: number }> {
  const studio = await startStudio({ kind: "pglite", open: true, withWorker: "process" });
  try {
    // The default model, as a new room has it.
    const { room, chain, editor } = await roomWithChain(studio, "scrub", { model: null, frames: TRANSITION_FRAMES + 1, seeds: [31, 32] });

    const page = await (await studio.browser.newContext({ viewport: { width: 1360, height: 1000 } })).newPage();
    await page.goto(`${studio.web.url}/rooms/${room.id}`);
    await page.getByTestId("worker-status").getByText("wasm").waitFor();
    await page.getByTestId("frame").waitFor({ timeout: 30_000 });
    // The time each frame hash first appears on screen, by the page's clock (the same machine's).
    // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
    await page.evaluate(`(() => {
      const shownAt = {};
      window.shownAt = shownAt;
      new MutationObserver(() => {
        const hash = document.querySelector('[data-testid="frame"]')?.getAttribute("data-hash");
        if (hash && !(hash in shownAt)) shownAt[hash] = Date.now();
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-hash"] });
    })()`);
    const ruler = (await page.getByTestId("ruler").boundingBox())!;
    const latencies: number[] = [];
    for (let i = 0; i < SCRUBS; i++) {
      // Positions spread over the ruler in a shuffled order: never near an earlier one.
      const x = ruler.x + ruler.width * (0.03 + 0.94 * (((i * 7) % SCRUBS) / SCRUBS));
      const clickedAt = Date.now();
      await page.mouse.click(x, ruler.y + ruler.height / 2);
      const frame = Number(await page.getByTestId("ruler").getAttribute("aria-valuenow"));
      const hash = recipeHash(frameRecipeAt(chain, frame, room.model, {})!);
      await page.waitForFunction((h) => h in (window as unknown as { shownAt: Record<string, number> }).shownAt, hash, { timeout: 10_000 });
      const shownAt = await page.evaluate((h) => (window as unknown as { shownAt: Record<string, number> }).shownAt[h]!, hash);
      latencies.push(shownAt - clickedAt);
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
    editor.destroy();
    return { p50: percentile(latencies, 50), p90: percentile(latencies, 90), scrubs: latencies.length };
  } finally {
    await studio.close();
  }
}
