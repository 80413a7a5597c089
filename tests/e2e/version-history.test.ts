// History in Chromium, with two people: the director saves "Tuesday"; the animator re-times
// the chain and deletes a keyframe; the director compares Tuesday with now (the diff shows
// the animator's changes, side by side and with a wipe) and restores it. The animator sees
// the chain come back without reloading, and their own undo still takes back their own
// later edit.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc } from "@umbra/doc";
import { asReturningVisitor } from "../support/returning-visitor.js";
import { roomWithChain } from "../support/room-with-chain.js";
import { SCREENSHOTS as shots, startStudio, type Studio } from "../support/studio.js";

const keyframes = (page: Page) => page.getByTestId("filmstrip").getByTestId("keyframe");
const firstTransition = (page: Page) => page.getByTestId("transition").first();

describe("version history in the studio", () => {
  let studio: Studio;

  beforeAll(async () => {
    studio = await startStudio({ kind: "pglite", open: true, versions: { pauseMs: 700 } });
  });
  afterAll(() => studio?.close());

  it("saves a version, compares it with the animator's changes, and restores it while the animator stays in the room", async () => {
    const { room, chain, editor } = await roomWithChain(studio, "Title sequence", { frames: 61, seeds: [1, 2] });
    new RoomDoc(editor.doc).addKeyframe(chain.id, { seed: 3 });
    editor.destroy();
    const open = async (name: string, color: string) => {
      const context = await studio.browser.newContext({ viewport: { width: 1440, height: 900 } });
      await asReturningVisitor(context, studio.web.url, { name, color });
      const page = await context.newPage();
      await page.goto(`${studio.web.url}/rooms/${room.id}`);
      await page.getByTestId("doc-status").getByText("Synced").waitFor();
      await expect.poll(() => keyframes(page).count()).toBe(3);
      return page;
    };
    const director = await open("Director", "#f4a261");
    const animator = await open("Animator", "#4cc9f0");
    // Neither studio's script may fail on the way (a restore once crashed the director's).
    const crashes: string[] = [];
    for (const page of [director, animator]) page.on("pageerror", (error) => crashes.push(error.message));

    // The director saves Tuesday.
    await director.getByRole("button", { name: "History", exact: true }).click();
    await director.getByRole("button", { name: "Save version…" }).click();
    const form = director.getByRole("form", { name: "Save a version" });
    await form.getByLabel("Name", { exact: true }).fill("Tuesday");
    await form.getByLabel("Note (optional)").fill("As shown to the client");
    await form.getByRole("button", { name: "Save", exact: true }).click();
    const tuesday = director.getByTestId("version-entry").filter({ hasText: "Tuesday" });
    await tuesday.waitFor();

    // The animator re-times the first transition and deletes the last keyframe.
    await animator.getByLabel("Frames in this transition").fill("30");
    await animator.getByLabel("Frames in this transition").press("Enter");
    await animator.getByRole("button", { name: /^Keyframe 3,/ }).click();
    await animator.getByTestId("keyframe-inspector").getByText("Keyframe 3").waitFor();
    await animator.keyboard.press("Delete");
    await expect.poll(() => keyframes(director).count(), { timeout: 15_000 }).toBe(2);
    // The pause after those edits keeps a version that names the animator.
    await director.getByTestId("version-entry").filter({ hasText: "Animator" }).filter({ hasText: "1 keyframe removed" }).waitFor({ timeout: 15_000 });

    // The director compares Tuesday with now: the animator's changes, and who made them.
    await tuesday.getByRole("button", { name: "Compare with now" }).click();
    const diff = director.getByTestId("version-diff");
    await diff.locator("p", { hasText: "Edited in between by" }).getByText("Animator").waitFor();
    await diff.getByText("Re-timed: keyframe 1 → 2, 60 → 30 frames · by Animator").waitFor();
    expect(await diff.getByTestId("chain-diff").innerText()).toMatch(/1 keyframe removed/);
    expect(await diff.locator('[data-mark="removed"]').count()).toBe(1);
    // Who made it: the version kept after the animator's edits says so.
    expect(await diff.locator('[data-mark="removed"]').getAttribute("data-by")).toBe("Animator");
    // One playhead, both frames: side by side, then with a wipe.
    await expect.poll(() => director.getByTestId("compare-view").locator("figure").count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => director.getByTestId("compare-view").locator("img").count(), { timeout: 30_000 }).toBe(2);
    await director.screenshot({ path: `${shots}history-compare.png` });
    await diff.getByRole("button", { name: "Wipe" }).click();
    await director.getByLabel("Wipe between the two versions").fill("30");
    await director.getByTestId("wipe-view").locator("img").nth(1).waitFor();
    await director.screenshot({ path: `${shots}history-wipe.png` });

    // The director restores Tuesday; the animator sees it come back, without reloading.
    await tuesday.getByRole("button", { name: "Restore…" }).click();
    await director.getByRole("alertdialog").getByRole("button", { name: "Restore it" }).click();
    await expect.poll(() => keyframes(animator).count(), { timeout: 15_000 }).toBe(3);
    await firstTransition(animator).getByText("60 f").waitFor();
    await director.getByTestId("version-entry").filter({ hasText: "Before restoring “Tuesday”" }).waitFor();

    // The animator's own undo takes back only the animator's own later edit, not the restore.
    await animator.evaluate("document.activeElement.blur()");
    await animator.keyboard.press("Home");
    await animator.getByLabel("Frames in this transition").fill("45");
    await animator.getByLabel("Frames in this transition").press("Enter");
    await firstTransition(director).getByText("45 f").waitFor({ timeout: 15_000 });
    await animator.evaluate("document.activeElement.blur()");
    await animator.keyboard.press("Control+z");
    await firstTransition(animator).getByText("60 f").waitFor();
    await firstTransition(director).getByText("60 f").waitFor({ timeout: 15_000 });
    expect(await keyframes(animator).count()).toBe(3);
    await animator.screenshot({ path: `${shots}history-restored.png` });
    expect(crashes).toEqual([]);
  });
});
