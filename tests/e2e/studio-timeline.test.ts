// The studio as an editor, with two people: a full-window layout, a timeline drawn to
// scale, ψ per transition and per room, and every keyframe command on a key.
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc, frameRecipeAt, roomRecipeOverrides, type Chain } from "@umbra/doc";
import { recipeHash, type LatentRef } from "@umbra/latent";
import { SCREENSHOTS as shots, openTwoPages, startStudio, type Studio } from "../support/studio.js";
import { connectDoc, type DocClient } from "../support/yjs-client.js";

const MODEL = "builtin/cppn";

describe("the studio's timeline and layout", () => {
  let studio: Studio;
  let editor: DocClient;
  let doc: RoomDoc;
  let chainId: string;
  let a: Page;
  let b: Page;

  const chainNow = (): Chain => doc.chain(chainId)!;
  const playheadOf = async (page: Page) => Number(await page.getByTestId("ruler").getAttribute("aria-valuenow"));
  const shownHash = (page: Page) => page.getByTestId("frame").getAttribute("data-hash");
  const box = async (locator: Locator) => (await locator.boundingBox())!;
  const keyframeButton = (page: Page, n: number) => page.getByRole("button", { name: new RegExp(`^Keyframe ${n},`) });
  const blur = (page: Page) => page.evaluate("document.activeElement.blur()");

  beforeAll(async () => {
    studio = await startStudio({ kind: "pglite", open: true });
    const room = await studio.stack.api.createRoom("Timeline to scale");
    editor = connectDoc(studio.stack.collab.url, room.id, await studio.stack.api.realtimeToken(room.id));
    await editor.synced;
    doc = new RoomDoc(editor.doc);
    chainId = doc.addChain({ name: "Walk cycle" });
    const first = doc.addKeyframe(chainId, { seed: 1 })!;
    const second = doc.addKeyframe(chainId, { seed: 2 })!;
    doc.addKeyframe(chainId, { seed: 3 });
    doc.setTransition(chainId, first, { frames: 12 });
    doc.setTransition(chainId, second, { frames: 240 });
    [a, b] = await openTwoPages(studio, room.id, 253, { width: 1280, height: 720 });
  });
  afterAll(async () => {
    editor?.destroy();
    await studio?.close();
  });

  it("fits the window at 1280×720 with no page scroll, and draws transitions to scale", async () => {
    for (const page of [a, b]) {
      const overflow = await page.evaluate("[document.documentElement.scrollHeight - innerHeight, document.documentElement.scrollWidth - innerWidth]");
      expect(overflow).toEqual([0, 0]);
    }
    const [twelve, twoForty] = await Promise.all([0, 1].map((i) => box(a.getByTestId("transition").nth(i))));
    expect(Math.abs(twoForty!.width - 20 * twelve!.width)).toBeLessThanOrEqual(3);
    await a.screenshot({ path: `${shots}timeline-1280x720.png` });
  });

  it("lands a ruler click under each keyframe on that keyframe's frame, at the fitted zoom and zoomed in", async () => {
    const clickUnder = async (n: number) => {
      const thumb = keyframeButton(a, n);
      await thumb.scrollIntoViewIfNeeded();
      const at = await box(thumb);
      const ruler = await box(a.getByTestId("ruler"));
      await a.mouse.click(at.x + at.width / 2, ruler.y + ruler.height / 2);
      return playheadOf(a);
    };
    expect([await clickUnder(1), await clickUnder(2), await clickUnder(3)]).toEqual([0, 12, 252]);
    // Zoomed in, the chain is wider than the window and scrolls; clicks still land on the keyframes.
    const track = await box(a.getByTestId("timeline-scroll"));
    await a.mouse.move(track.x + 100, track.y + track.height / 2);
    await a.keyboard.down("Control");
    await a.mouse.wheel(0, -1000);
    await a.keyboard.up("Control");
    await expect.poll(() => a.getByTestId("timeline-scroll").evaluate((el) => el.scrollWidth > 2 * el.clientWidth)).toBe(true);
    const [twelve, twoForty] = await Promise.all([0, 1].map((i) => box(a.getByTestId("transition").nth(i))));
    expect(Math.abs(twoForty!.width - 20 * twelve!.width)).toBeLessThanOrEqual(3);
    expect([await clickUnder(3), await clickUnder(1), await clickUnder(2)]).toEqual([252, 0, 12]);
    // The other person's playhead is drawn where it is, with their name.
    await b.getByTestId("remote-playhead").waitFor();
    await a.getByRole("button", { name: "Fit" }).click();
  });

  it("sets ψ per transition and for the room, live for the other person, whose frame changes", async () => {
    await blur(b);
    await b.keyboard.press("Home");
    for (let i = 0; i < 5; i++) await b.keyboard.press("ArrowRight");
    const atFive = () => recipeHash(frameRecipeAt(chainNow(), 5, MODEL, roomRecipeOverrides(doc.roomTruncation()))!);
    await expect.poll(() => shownHash(b), { timeout: 15_000 }).toBe(atFive());
    const before = atFive();

    await blur(a);
    await a.keyboard.press("Home");
    await a.getByLabel("ψ of this transition").fill("0.3");
    await a.getByLabel("ψ of this transition").press("Enter");
    await expect.poll(() => chainNow().transitions[0]!.truncation, { timeout: 15_000 }).toBe(0.3);
    await expect.poll(() => shownHash(b), { timeout: 15_000 }).toBe(atFive());
    expect(atFive()).not.toBe(before);
    await b.getByTestId("transition").first().and(b.getByRole("button", { name: /ψ 0\.3/ })).waitFor();

    // The room's ψ reaches transitions without their own: the 240-frame one.
    await blur(b);
    await b.keyboard.press("End");
    const atEnd = () => recipeHash(frameRecipeAt(chainNow(), 252, MODEL, roomRecipeOverrides(doc.roomTruncation()))!);
    await expect.poll(() => shownHash(b), { timeout: 15_000 }).toBe(atEnd());
    await a.getByRole("button", { name: "Room settings" }).click();
    await a.getByLabel("Room default ψ").fill("1.2");
    await a.getByLabel("Room default ψ").press("Enter");
    await expect.poll(() => doc.roomTruncation(), { timeout: 15_000 }).toBe(1.2);
    await expect.poll(() => shownHash(b), { timeout: 15_000 }).toBe(atEnd());
    expect(frameRecipeAt(chainNow(), 252, MODEL, { truncation: 1.2 })!.truncation).toBe(1.2);
    // A value out of range is refused with a sentence, and nothing changes.
    await a.getByLabel("Room default ψ").fill("3");
    await a.getByLabel("Room default ψ").press("Enter");
    await a.getByRole("dialog", { name: "Room settings" }).getByRole("alert").getByText("ψ is between 0 and 2.").waitFor();
    expect(doc.roomTruncation()).toBe(1.2);
    await a.screenshot({ path: `${shots}room-settings.png` });
    await a.getByRole("button", { name: "Room settings" }).click();
  });

  it("refuses a frame count of 0 with a message, and keeps the transition as it was", async () => {
    await blur(a);
    await a.keyboard.press("Home");
    await a.getByLabel("Frames in this transition").fill("0");
    await a.getByLabel("Frames in this transition").press("Enter");
    await a.getByTestId("transition-inspector").getByRole("alert").getByText(/A transition has 1 to 10000 frames/).waitFor();
    expect(await a.getByLabel("Frames in this transition").getAttribute("aria-invalid")).toBe("true");
    expect(chainNow().transitions[0]!.frames).toBe(12);
    await a.getByLabel("Frames in this transition").press("Escape");
  });

  it("reaches every keyframe command from the keyboard: select, F2, Delete with undo, and , . to move", async () => {
    // Tab selects; so does a click, which also moves the playhead there.
    await keyframeButton(a, 2).click();
    expect(await playheadOf(a)).toBe(12);
    await a.getByTestId("keyframe-inspector").getByText("Keyframe 2").waitFor();
    await a.keyboard.press("F2");
    await a.getByLabel("Keyframe label").fill("turn");
    await a.getByLabel("Keyframe label").press("Enter");
    await expect.poll(() => chainNow().keyframes[1]!.label).toBe("turn");
    await b.getByTestId("filmstrip").getByText("2. turn").waitFor();

    await blur(a);
    await keyframeButton(a, 2).focus();
    await a.keyboard.press(".");
    await expect.poll(() => chainNow().keyframes.map((k) => k.label ?? k.latent)).toEqual([{ seed: 1 }, { seed: 3 }, "turn"]);
    await a.keyboard.press(",");
    await a.keyboard.press(",");
    await expect.poll(() => chainNow().keyframes.map((k) => k.label ?? k.latent)).toEqual(["turn", { seed: 1 }, { seed: 3 }]);
    await a.screenshot({ path: `${shots}timeline-selected.png` });

    await a.keyboard.press("Delete");
    await expect.poll(() => chainNow().keyframes.length).toBe(2);
    await expect.poll(() => b.getByTestId("filmstrip").getByTestId("keyframe").count()).toBe(2);
    await a.keyboard.press("Control+z");
    await expect.poll(() => chainNow().keyframes.map((k) => k.label ?? k.latent)).toEqual(["turn", { seed: 1 }, { seed: 3 }]);
    await a.keyboard.press("Escape");
    await a.getByTestId("keyframe-inspector").waitFor({ state: "detached" });
  });

  it("plays with L, stops with K, and goes to either end with Home and End", async () => {
    await blur(a);
    await a.keyboard.press("End");
    expect(await playheadOf(a)).toBe(chainNow().transitions.slice(0, 2).reduce((sum, t) => sum + t.frames, 0));
    await a.keyboard.press("Home");
    expect(await playheadOf(a)).toBe(0);
    await a.keyboard.press("l");
    await a.getByRole("button", { name: "Pause", exact: true }).waitFor();
    await a.keyboard.press("k");
    await a.getByRole("button", { name: "Play", exact: true }).waitFor();
    await a.keyboard.press("j");
    await a.getByRole("button", { name: "Pause", exact: true }).waitFor();
    await a.keyboard.press("k");
  });

  it("numbers frames as the room's settings say, for both people; the settings close with Esc or a press outside; the Frame tab names both ends", async () => {
    await blur(b);
    await b.keyboard.press("Home");
    for (let i = 0; i < 3; i++) await b.keyboard.press("ArrowRight");
    await b.getByTestId("frame-counter").getByText("frame 4 of 253").waitFor();
    await a.getByRole("button", { name: "Room settings" }).click();
    const settings = a.getByRole("dialog", { name: "Room settings" });
    await settings.getByRole("radio", { name: "0", exact: true }).click();
    await a.getByLabel("Start timecode").fill("1:00:00");
    await a.getByLabel("Start timecode").press("Enter");
    await expect.poll(() => b.getByTestId("ruler").getAttribute("aria-valuetext"), { timeout: 15_000 }).toBe("frame 3 of 253, 1:00:00:03");
    await b.getByTestId("frame-counter").getByText("frame 3 of 253").waitFor();
    expect(doc.frameNumbering()).toEqual({ firstFrame: 0, timecodeStart: 3600 });
    await a.screenshot({ path: `${shots}room-settings-numbering.png` });
    await a.keyboard.press("Escape");
    await settings.waitFor({ state: "detached" });
    await a.getByRole("button", { name: "Room settings" }).click();
    await settings.waitFor();
    await a.getByRole("heading", { level: 1 }).click();
    await settings.waitFor({ state: "detached" });
    // Between two keyframes the Frame tab shows both ends and how far between them.
    await b.getByRole("tab", { name: "Frame" }).click();
    const shown = frameRecipeAt(chainNow(), 3, MODEL)!;
    const seedOf = (latent: LatentRef) => ("seed" in latent ? `seed ${latent.seed}` : "vector");
    await b.getByTestId("frame-seed").getByText(seedOf(shown.from), { exact: true }).waitFor();
    await b.getByTestId("frame-to").getByText(seedOf(shown.to), { exact: true }).waitFor();
    await b.getByTestId("frame-t").getByText(new RegExp(`^t ${shown.t.toFixed(3).replace(".", "\\.")} · ${shown.interpolation}`)).waitFor();
    doc.setFrameNumbering({ firstFrame: 1, timecodeStart: 0 });
    await b.getByTestId("frame-counter").getByText("frame 4 of 253").waitFor({ timeout: 15_000 });
  });

  it("asks before deleting a chain, and lets the owner rename the room and delete it after saying what goes", async () => {
    await a.getByRole("button", { name: "Delete Walk cycle" }).click();
    const confirmChain = a.getByRole("alertdialog", { name: "Delete Walk cycle?" });
    await confirmChain.getByText(/Its 3 keyframes and 253 frames go for everyone/).waitFor();
    await confirmChain.getByRole("button", { name: "Cancel" }).click();
    expect(doc.chains()).toHaveLength(1);

    await a.getByRole("button", { name: "Room settings" }).click();
    const settings = a.getByRole("dialog", { name: "Room settings" });
    await a.getByLabel("Room name").fill("");
    await settings.getByRole("button", { name: "Rename", exact: true }).click();
    await settings.getByRole("alert").getByText(/a room needs a name/).waitFor();
    await a.getByLabel("Room name").fill("Walk cycle, take 2: the one with the long name that does not fit the header");
    await settings.getByRole("button", { name: "Rename", exact: true }).click();
    await expect.poll(() => a.getByRole("heading", { level: 1 }).innerText()).toBe("Walk cycle, take 2: the one with the long name that does not fit the header");
    expect(await a.getByRole("heading", { level: 1 }).getAttribute("title")).toBe("Walk cycle, take 2: the one with the long name that does not fit the header");
    // The other person sees the new name at once, without reloading.
    await expect.poll(() => b.getByRole("heading", { level: 1 }).innerText(), { timeout: 15_000 }).toBe("Walk cycle, take 2: the one with the long name that does not fit the header");
    await a.screenshot({ path: `${shots}room-renamed.png` });

    await a.getByRole("button", { name: "Delete room…" }).click();
    const confirmRoom = a.getByRole("alertdialog", { name: /^Delete Walk cycle, take 2/ });
    await confirmRoom.getByText(/Its 1 chain \(3 keyframes\), its share links and every member's access go for good/).waitFor();
    await confirmRoom.getByRole("button", { name: "Delete room" }).click();
    await a.waitForURL(`${studio.web.url}/`);
    await b.getByTestId("access-lost").getByText(/The owner deleted the room Walk cycle, take 2/).waitFor({ timeout: 30_000 });
    expect((await b.goto(b.url()))?.status()).toBe(404);
  });
});
