// The page's own clock, from the start of navigation: when something is first in the
// document and painted. A poll from outside would wait for a gap in the page's
// scripts, and be late.
import type { BrowserContext, Page } from "playwright-core";

/**
 * Before any page of `context` loads: notes `performance.now()` as `window[mark]` in the
 * frame that first shows what `condition` (a JavaScript expression over `document`) is
 * true of. A string, not a function: tsx would wrap a function's inner names in a helper
 * the page lacks.
 */
export async function markWhenShown(context: BrowserContext, mark: string, condition: string): Promise<void> {
  await context.addInitScript(`new MutationObserver((_, observer) => {
    if (!(${condition})) return;
    observer.disconnect();
    // The frame that shows it: a page paints nothing before its stylesheet, and rAF waits for that paint.
    requestAnimationFrame(() => (window[${JSON.stringify(mark)}] = performance.now()));
  }).observe(document, { subtree: true, childList: true, characterData: true })`);
}

/** The time markWhenShown noted, once it has (milliseconds from the start of navigation). */
export async function shownAt(page: Page, mark: string): Promise<number> {
  await page.waitForFunction((name) => name in window, mark, { timeout: 60_000 });
  return Math.round(await page.evaluate((name) => (window as unknown as Record<string, number>)[name]!, mark));
}

/** The chain's counter says it has `frames` frames: the room's chain is on screen. */
export const chainShown = (frames: number) => `document.querySelector('[data-testid="frame-counter"]')?.textContent?.includes("of ${frames}")`;

/** Every one of `notes` notes is counted in the timeline's pins (a cluster's number says how many it holds). */
export const pinsShown = (notes: number) =>
  `Array.from(document.querySelectorAll('[data-testid="note-pin"]')).reduce((sum, pin) => sum + (Number(pin.textContent) || 1), 0) === ${notes}`;
