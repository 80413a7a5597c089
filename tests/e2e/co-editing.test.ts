// Two people shaping one chain in real Chromium: edits, cursors, follow, keys, undo.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOTS as shots, startStudio, type Studio } from "../support/studio.js";

const keyframes = (page: Page) => page.getByTestId("filmstrip").getByTestId("keyframe");
const playheadOf = async (page: Page) => Number(await page.getByTestId("ruler").getAttribute("aria-valuenow"));

describe("co-editing a keyframe chain", () => {
  let studio: Studio;
  const logs: string[] = [];

  beforeAll(async () => {
    studio = await startStudio({ kind: "pglite", open: true, log: (line) => logs.push(line) });
  });
  afterAll(() => studio?.close());

  it("shows A's keyframes to B, A's cursor to B, and moves B's playhead when A scrubs while B follows", async () => {
    const room = await studio.stack.api.createRoom("Title sequence");
    const a = await (await studio.browser.newContext({ viewport: { width: 1360, height: 1000 } })).newPage();
    const b = await (await studio.browser.newContext({ viewport: { width: 1360, height: 1000 } })).newPage();
    for (const page of [a, b]) {
      await page.goto(`${studio.web.url}/rooms/${room.id}`);
      await page.getByTestId("doc-status").getByText("Synced").waitFor();
      await page.getByTestId("worker-status").getByText("wasm").waitFor();
    }

    // Local mode: each browser picked a name and colour of its own, and the other sees them.
    const nameOf = (page: Page) => page.getByTestId("my-name").innerText();
    const [nameA, nameB] = [await nameOf(a), await nameOf(b)];
    expect(nameA).not.toBe(nameB);
    await a.getByRole("button", { name: `Follow ${nameB}` }).waitFor();
    await b.getByRole("button", { name: `Follow ${nameA}` }).waitFor();
    // A renames itself and takes B's colour: B sees the new name, and both still see two colours.
    const avatarColours = (page: Page) =>
      page.getByTestId("people-here").locator("li").evaluateAll((items) => items.map((li) => ((li.querySelector("button") ?? li) as HTMLElement).style.backgroundColor));
    const colourOfB = (await avatarColours(b))[0]!;
    await a.getByTestId("my-name").click();
    await a.getByLabel("Your name, as others see it").fill("Director");
    for (const swatch of await a.getByRole("button", { name: /^Colour #/ }).all()) {
      if ((await swatch.evaluate((el) => (el as HTMLElement).style.backgroundColor)) === colourOfB) await swatch.click();
    }
    await a.getByRole("button", { name: "Save" }).click();
    await b.getByRole("button", { name: "Follow Director" }).waitFor();
    for (const page of [a, b]) {
      const colours = await avatarColours(page);
      expect(colours).toHaveLength(2);
      expect(new Set(colours).size).toBe(2);
    }
    await a.screenshot({ path: `${shots}local-names.png` });

    // A makes a chain and adds keyframes; B sees each (how fast is yjs_fanout_ms in the bench).
    await a.getByRole("button", { name: "New chain" }).click();
    await b.getByTestId("chains").getByText("Chain 1").waitFor();
    // An empty chain has no destination to chain on from.
    expect(await a.getByRole("button", { name: "Use destination as next source" }).isDisabled()).toBe(true);
    for (let n = 1; n <= 3; n++) {
      await a.getByRole("button", { name: n === 1 ? "Add keyframe" : "Use destination as next source" }).click();
      await expect.poll(() => keyframes(b).count(), { timeout: 15_000, interval: 20 }).toBe(n);
    }
    await expect.poll(() => b.getByTestId("transition").count()).toBe(2);
    // Thumbnails arrive for everyone.
    await expect.poll(() => b.getByTestId("filmstrip").locator("img").count(), { timeout: 10_000 }).toBe(3);

    // A edits the frame count of the transition under the playhead, and reorders by drag and drop.
    await a.getByTestId("transition").first().getByText("60 f").waitFor();
    await a.getByLabel("Frames in this transition").fill("30");
    await a.getByLabel("Frames in this transition").press("Enter");
    await b.getByTestId("transition").first().getByText("30 f").waitFor({ timeout: 15_000 });
    const order = async (page: Page) => (await keyframes(page).locator("span[title]").allInnerTexts()).map((t) => t.replace(/^\d+\. /, ""));
    const before = await order(b);
    await keyframes(a).nth(2).dragTo(keyframes(a).nth(0));
    await expect.poll(() => order(b), { timeout: 15_000 }).toEqual([before[2], before[0], before[1]]);

    // S toggles Marrow's shadows view for the person who pressed it (the view is theirs, as is
    // the frame they see); the threshold is adjustable. B's view stays in colour.
    for (const page of [a, b]) await page.getByRole("tab", { name: "Frame" }).click();
    await a.evaluate("document.activeElement.blur()");
    await a.keyboard.press("s");
    await expect.poll(() => a.getByTestId("frame-view").innerText(), { timeout: 10_000 }).toBe("shadows ≤ 50");
    await a.getByLabel("Invert (dark is white)").uncheck();
    await expect.poll(() => a.getByTestId("frame-view").innerText(), { timeout: 10_000 }).toBe("shadows > 50");
    expect(await b.getByTestId("frame-view").innerText()).toBe("color");
    await a.screenshot({ path: `${shots}coedit-shadows.png` });
    await a.getByLabel("Invert (dark is white)").check();
    await a.getByRole("button", { name: "Color", exact: true }).click();
    await expect.poll(() => a.getByTestId("frame-view").innerText(), { timeout: 10_000 }).toBe("color");

    // A's cursor over the preview shows up on B's.
    const stage = (await a.getByTestId("presence-layer").boundingBox())!;
    await a.mouse.move(stage.x + stage.width * 0.5, stage.y + stage.height * 0.5, { steps: 3 });
    await b.getByTestId("presence-layer").getByTestId("remote-cursor").waitFor({ timeout: 15_000 });

    // A presents: B is invited and follows; A scrubs the ruler and steps with the keyboard, and B's playhead
    // goes along. (Following's rules, move by move, are tested in process: tests/integration/room-client.test.ts.)
    await a.getByRole("button", { name: "Present" }).click();
    await b.getByTestId("present-invite").getByRole("button", { name: "Follow" }).click();
    await b.getByTestId("follow-banner").getByText(/presenting/).waitFor();
    const ruler = (await a.getByTestId("ruler").boundingBox())!;
    await a.mouse.click(ruler.x + ruler.width * 0.5, ruler.y + ruler.height / 2);
    const scrubbed = await playheadOf(a);
    expect(scrubbed).toBeGreaterThan(30);
    await expect.poll(() => playheadOf(b), { timeout: 15_000 }).toBe(scrubbed);
    await a.keyboard.press("Shift+ArrowRight");
    expect(await playheadOf(a)).toBe(scrubbed + 10);
    await expect.poll(() => playheadOf(b), { timeout: 15_000 }).toBe(scrubbed + 10);
    // A's playhead is drawn on B's timeline in A's colour, with A's name.
    await b.getByTestId("timeline").getByTestId("remote-playhead").filter({ hasText: "Director" }).waitFor();
    await a.screenshot({ path: `${shots}coedit-a.png` });
    await b.screenshot({ path: `${shots}coedit-b.png` });
    await a.getByRole("button", { name: "Stop presenting" }).click();
    // Moving your own playhead stops following.
    await b.keyboard.press("ArrowLeft");
    await b.getByTestId("follow-banner").waitFor({ state: "detached" });

    // Ctrl+Z undoes A's own edits, newest first (the move, the frame count, then keyframes); B's edit stays.
    await b.getByRole("button", { name: "Add keyframe" }).click();
    await expect.poll(() => keyframes(a).count()).toBe(4);
    await a.evaluate("document.activeElement.blur()");
    for (let i = 0; i < 3; i++) await a.keyboard.press("Control+z");
    await expect.poll(() => keyframes(b).count()).toBe(3);
    await b.getByTestId("transition").first().getByText("60 f").waitFor();
    await a.keyboard.press("Control+z");
    await a.keyboard.press("Control+z");
    // A's three keyframes are gone; B's stays, and so does the chain A made before them.
    await expect.poll(() => keyframes(b).count()).toBe(1);
    await a.keyboard.press("Control+Shift+z");
    await expect.poll(() => keyframes(b).count()).toBe(2);

    // "?" shows every shortcut; Esc closes the sheet.
    await a.keyboard.press("?");
    const sheet = a.getByRole("dialog", { name: "Keyboard shortcuts" });
    await sheet.getByText("Step one frame back or forward").waitFor();
    await a.screenshot({ path: `${shots}shortcut-sheet.png` });
    await a.keyboard.press("Escape");
    await sheet.waitFor({ state: "detached" });

    // Two people editing, following and presenting: no edit refused, no presence refused.
    expect(logs.filter((line) => /refused an update|dropped .*presence/.test(line))).toEqual([]);
  });

  it("says Offline as soon as the network goes, counts the edits kept here, and syncs them when it is back", async () => {
    const room = await studio.stack.api.createRoom("Offline");
    const contextA = await studio.browser.newContext({ viewport: { width: 1360, height: 1000 } });
    const a = await contextA.newPage();
    const b = await (await studio.browser.newContext({ viewport: { width: 1360, height: 1000 } })).newPage();
    for (const page of [a, b]) {
      await page.goto(`${studio.web.url}/rooms/${room.id}`);
      await page.getByTestId("doc-status").getByText("Synced").waitFor();
    }
    await a.getByRole("button", { name: "New chain" }).click();
    await a.getByRole("button", { name: "Add keyframe" }).click();
    await expect.poll(() => keyframes(b).count(), { timeout: 15_000 }).toBe(1);

    // The socket alone would notice a silent network only after y-websocket's 30 s watchdog; this waits less than that.
    await contextA.setOffline(true);
    await a.getByTestId("doc-status").getByText("Offline").waitFor({ timeout: 15_000 });
    await a.getByRole("button", { name: "Use destination as next source" }).click();
    await a.getByRole("button", { name: "Use destination as next source" }).click();
    await a.getByTestId("doc-status").getByText("Offline · 2 edits kept here").waitFor();
    await a.screenshot({ path: `${shots}offline-badge.png` });
    expect(await keyframes(b).count()).toBe(1);

    await contextA.setOffline(false);
    await a.getByTestId("doc-status").getByText("Synced").waitFor({ timeout: 15_000 });
    await expect.poll(() => keyframes(b).count(), { timeout: 15_000 }).toBe(3);
  });
});
