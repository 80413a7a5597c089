// Playing a chain while someone follows: both browsers show the same frames, in the
// same order, at (nearly) the same moment, and playback waits for frames rather than
// showing a wrong one.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc, chainFrameCount, frameRecipeAt } from "@umbra/doc";
import { recipeHash } from "@umbra/latent";
import { SCREENSHOTS as shots, startStudio, type Studio } from "../support/studio.js";
import { connectDoc } from "../support/yjs-client.js";

const FRAMES = 48;
/** One frame at 24 fps. */
const FRAME_MS = 1000 / 24;

interface Shown {
  hash: string;
  at: number;
}

/** Records every change of the shown frame's hash, with wall-clock time (shared by both pages). */
async function recordShownFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: { hash: string; at: number }[] = [];
    (window as unknown as { shownFrames: typeof log }).shownFrames = log;
    let last = "";
    const state = window as unknown as { buffered: boolean };
    state.buffered = false;
    const check = () => {
      const hash = document.querySelector('[data-testid="frame"]')?.getAttribute("data-hash") ?? "";
      if (document.querySelector('[data-testid="frame-status"]')?.textContent === "Buffering…") state.buffered = true;
      if (hash && hash !== last) {
        last = hash;
        log.push({ hash, at: Date.now() });
      }
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ["data-hash"] });
    check();
  });
}

const shownFrames = (page: Page) => page.evaluate(() => (window as unknown as { shownFrames: Shown[] }).shownFrames);

describe("playback with a follower", () => {
  let studio: Studio;
  beforeAll(async () => {
    // The worker in its own process, as in production: rendering must not stall the hub.
    studio = await startStudio({ kind: "pglite", open: true, withWorker: "process" });
  });
  afterAll(() => studio?.close());

  it(`plays a ${FRAMES}-frame chain in order, the follower shows the same frames within a frame's time, and A/B compares frames`, async () => {
    const room = await studio.stack.api.createRoom("Playback");
    // The chain: two keyframes, 47 frames between them, plus the last keyframe's own frame.
    const editor = connectDoc(studio.stack.collab.url, room.id, await studio.stack.api.realtimeToken(room.id));
    await editor.synced;
    const doc = new RoomDoc(editor.doc);
    const chainId = doc.addChain({ fps: 24 });
    const first = doc.addKeyframe(chainId, { seed: 101 })!;
    doc.addKeyframe(chainId, { seed: 202 });
    doc.setTransition(chainId, first, { frames: FRAMES - 1 });
    const chain = doc.chains()[0]!;
    expect(chainFrameCount(chain)).toBe(FRAMES);
    const expected = Array.from({ length: FRAMES }, (_, n) => recipeHash(frameRecipeAt(chain, n, room.model, {})!));

    const pages: Page[] = [];
    for (let i = 0; i < 2; i++) {
      const page = await (await studio.browser.newContext({ viewport: { width: 1360, height: 1000 } })).newPage();
      await page.goto(`${studio.web.url}/rooms/${room.id}`);
      await page.getByTestId("worker-status").getByText("wasm").waitFor();
      await page.getByTestId("frame-counter").getByText(`of ${FRAMES}`).waitFor();
      pages.push(page);
    }
    const [leader, follower] = pages as [Page, Page];
    await follower.getByRole("button", { name: /^Follow / }).click();
    await follower.getByTestId("follow-banner").waitFor();
    // Both start on frame 0.
    for (const page of pages) await expect.poll(() => page.getByTestId("frame").getAttribute("data-hash"), { timeout: 15_000 }).toBe(expected[0]);
    for (const page of pages) await recordShownFrames(page);

    await leader.getByRole("button", { name: "Play", exact: true }).click();
    // Once round: frames 1..47, then back to 0.
    await expect.poll(async () => (await shownFrames(leader)).length, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(FRAMES + 1);
    await leader.getByRole("button", { name: "Pause", exact: true }).click();
    await leader.screenshot({ path: `${shots}playback-leader.png` });
    await follower.screenshot({ path: `${shots}playback-follower.png` });

    const leaderShown = (await shownFrames(leader)).slice(0, FRAMES + 1);
    await expect.poll(async () => (await shownFrames(follower)).length, { timeout: 5000 }).toBeGreaterThanOrEqual(FRAMES + 1);
    const followerShown = (await shownFrames(follower)).slice(0, FRAMES + 1);
    // Frame numbers (-1: a frame not of this chain), so a failure shows where the order broke.
    const inOrder = [...expected.keys(), 0];
    const numbers = (shown: Shown[]) => shown.map((s) => expected.indexOf(s.hash));
    expect(numbers(leaderShown)).toEqual(inOrder);
    expect(numbers(followerShown)).toEqual(inOrder);

    // Where playback had to wait for a frame, the leader said so.
    const longestWait = Math.max(...leaderShown.slice(1).map((s, i) => s.at - leaderShown[i]!.at));
    const buffered = await leader.evaluate(() => (window as unknown as { buffered: boolean }).buffered);
    console.log(`leader: longest wait between frames ${longestWait} ms; showed Buffering: ${buffered}`);
    if (longestWait > 3 * FRAME_MS) expect(buffered).toBe(true);

    // How far behind the follower shows each frame (ms).
    const lags = followerShown.slice(1).map((s, i) => s.at - leaderShown[i + 1]!.at).sort((a, b) => a - b);
    const p50 = lags[Math.floor(lags.length / 2)]!;
    const p90 = lags[Math.floor(lags.length * 0.9)]!;
    console.log(`follower lag over ${lags.length} frames: p50 ${p50} ms, p90 ${p90} ms, max ${lags.at(-1)} ms (one frame at 24 fps: ${FRAME_MS.toFixed(1)} ms)`);
    expect(p90).toBeLessThanOrEqual(FRAME_MS);

    // The A/B view: the transition's two keyframes side by side, then this frame in two snapshots.
    const comparedHashes = () => leader.getByTestId("compare-view").locator("img").evaluateAll((imgs) => imgs.map((img) => img.getAttribute("data-hash")));
    await leader.getByRole("button", { name: "A/B: source | destination" }).click();
    await expect.poll(comparedHashes, { timeout: 10_000 }).toEqual([expected[0], expected[FRAMES - 1]]);
    const at = Number(await leader.getByTestId("ruler").getAttribute("aria-valuenow"));
    await leader.getByLabel(/A\/B: default vs/).selectOption("alt-a");
    const here = frameRecipeAt(chain, at, room.model, {})!;
    await expect.poll(comparedHashes, { timeout: 10_000 }).toEqual([recipeHash(here), recipeHash({ ...here, snapshot: "alt-a" })]);
    await leader.screenshot({ path: `${shots}playback-compare.png` });
    await leader.getByRole("button", { name: "Single" }).click();
    await leader.getByTestId("frame").waitFor();
    editor.destroy();
  });
});
