// Two people reviewing a chain: a note with a mention and a drawing on frame 17, seen,
// answered and resolved live, and moving with its transition when it is re-timed.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc } from "@umbra/doc";
import { SCREENSHOTS as shots, openTwoPages, startStudio, type Studio } from "../support/studio.js";
import { connectDoc, type DocClient } from "../support/yjs-client.js";

describe("review notes pinned to frames", () => {
  let studio: Studio;
  let editor: DocClient;
  let doc: RoomDoc;
  let chainId: string;
  const logs: string[] = [];

  beforeAll(async () => {
    studio = await startStudio({ kind: "pglite", open: true, log: (line) => logs.push(line) });
  });
  afterAll(async () => {
    editor?.destroy();
    await studio?.close();
  });

  const playheadOf = async (page: Page) => Number(await page.getByTestId("ruler").getAttribute("aria-valuenow"));
  const pinFrames = (page: Page) => page.getByTestId("note-pin").evaluateAll((pins) => pins.map((pin) => Number(pin.getAttribute("data-frame"))));

  it("lets A pin a note with a mention and an arrow on frame 17, and B see, answer and resolve it, live; the pin follows a re-timing", async () => {
    const room = await studio.stack.api.createRoom("Review");
    editor = connectDoc(studio.stack.collab.url, room.id, await studio.stack.api.realtimeToken(room.id));
    await editor.synced;
    doc = new RoomDoc(editor.doc);
    chainId = doc.addChain({ name: "Walk" });
    const ids = [1, 2, 3].map((seed) => doc.addKeyframe(chainId, { seed })!);
    for (const id of ids.slice(0, 2)) doc.setTransition(chainId, id, { frames: 24 });

    const [a, b] = await openTwoPages(studio, room.id, 49, { width: 1360, height: 860 });
    const nameB = await b.getByTestId("my-name").innerText();

    // 1. A goes to frame 17, presses C, pins a spot, and writes a note mentioning B (picked from the @ list).
    await a.getByTestId("ruler").focus();
    await a.keyboard.press("Shift+ArrowRight");
    for (let i = 0; i < 6; i++) await a.keyboard.press("ArrowRight");
    expect(await playheadOf(a)).toBe(16);
    await a.getByTestId("frame-counter").getByText("frame 17 of 49").waitFor();
    await a.keyboard.press("c");
    const composer = a.getByTestId("note-composer");
    await composer.getByText("frame 17 · 0:00:16").waitFor();
    const stage = (await a.getByTestId("presence-layer").boundingBox())!;
    await a.mouse.click(stage.x + stage.width * 0.3, stage.y + stage.height * 0.4);
    await composer.getByText(/spot/).waitFor();
    // The @ list offers the others in the room (never yourself); typing the start of B's name offers B.
    await composer.getByLabel("Note", { exact: true }).pressSequentially(`Less melting here, @${nameB.split(" ")[0]}`);
    await a.getByRole("option", { name: `@${nameB}` }).waitFor();
    await composer.getByLabel("Note", { exact: true }).press("Tab");
    await composer.getByLabel("Note", { exact: true }).pressSequentially("please");
    await composer.getByLabel("Note", { exact: true }).press("Enter");
    await composer.waitFor({ state: "detached" });
    await a.getByTestId("thread").getByText(`Less melting here, @${nameB} please`).waitFor();
    // …and draws an arrow on it.
    await a.keyboard.press("d");
    await a.getByTestId("drawing-toolbar").waitFor();
    await a.mouse.move(stage.x + stage.width * 0.2, stage.y + stage.height * 0.2);
    await a.mouse.down();
    await a.mouse.move(stage.x + stage.width * 0.5, stage.y + stage.height * 0.5, { steps: 5 });
    await a.mouse.up();
    await expect.poll(() => a.getByTestId("drawing-layer").locator("[data-object]").count()).toBe(1);
    await a.screenshot({ path: `${shots}review-1-a-note-and-arrow.png` });
    await a.keyboard.press("d");
    await a.getByTestId("drawing-toolbar").waitFor({ state: "detached" });

    // 2. B sees the pin and the mention, opens the note from its pin, lands on frame 17 and sees the arrow.
    await expect.poll(() => pinFrames(b), { timeout: 15_000 }).toEqual([16]);
    await b.getByRole("tab", { name: /^Notes/ }).click();
    await b.getByTestId("note-item").getByText("@you").waitFor();
    await b.getByTestId("note-pin").click();
    expect(await playheadOf(b)).toBe(16);
    await b.getByTestId("thread").getByTestId("mention-of-me").getByText(`@${nameB}`).waitFor();
    await expect.poll(() => b.getByTestId("drawing-layer").locator("[data-object]").count(), { timeout: 15_000 }).toBe(1);
    await b.getByTestId("note-spot").waitFor();
    await b.screenshot({ path: `${shots}review-2-b-sees-it.png` });

    // 3. B replies and resolves; A sees both live.
    await b.getByLabel("Reply").fill("Fixed in the next pass.");
    // While B writes, A sees who is typing (presence, not the database).
    await a.getByTestId("thread").getByTestId("typing").getByText(`${nameB} is typing…`).waitFor({ timeout: 15_000 });
    // Enter sends, and so does the Send button beside the hint that says so.
    await b.getByTestId("thread").getByText("Enter sends · Shift+Enter for a new line").waitFor();
    await b.getByTestId("thread").getByRole("button", { name: "Send" }).click();
    await a.getByTestId("thread").getByTestId("typing").waitFor({ state: "detached", timeout: 15_000 });
    await b.getByTestId("thread").getByRole("button", { name: "Resolve" }).click();
    await a.getByTestId("thread").getByText("Fixed in the next pass.").waitFor({ timeout: 15_000 });
    await a.getByTestId("thread").getByText(`Resolved by ${nameB}`).waitFor({ timeout: 15_000 });
    // B's reply is new to A, who wrote the note: it is in A's inbox; B's is empty.
    await a.getByTestId("notes-panel").getByRole("button", { name: "Inbox" }).click();
    await a.getByTestId("note-item").getByText(`Less melting here, @${nameB} please`).waitFor();
    await a.getByTestId("note-item").getByText("1 reply", { exact: true }).waitFor();
    await b.getByTestId("notes-panel").getByRole("button", { name: "Inbox" }).click();
    await b.getByTestId("notes-panel").getByText("No notes here.").waitFor();
    await a.screenshot({ path: `${shots}review-3-a-sees-reply.png` });

    // 4. A re-times the transition from 24 to 48 frames: t = 16/24 now falls on frame 32, for both.
    await a.evaluate("document.activeElement.blur()");
    await a.getByLabel("Frames in this transition").fill("48");
    await a.getByLabel("Frames in this transition").press("Enter");
    for (const page of [a, b]) await expect.poll(() => pinFrames(page), { timeout: 15_000 }).toEqual([32]);
    await b.getByTestId("thread").getByTestId("thread-where").getByText(/frame 33/).waitFor();
    await b.screenshot({ path: `${shots}review-4-b-after-retime.png` });

    // 5. A range: I and O mark frames 3 to 7 (Shift+drag on the ruler does the same), C pins a note spanning them.
    await a.getByTestId("ruler").focus();
    await a.keyboard.press("Home");
    await a.keyboard.press("ArrowRight");
    await a.keyboard.press("ArrowRight");
    await a.keyboard.press("i");
    for (let i = 0; i < 4; i++) await a.keyboard.press("ArrowRight");
    await a.keyboard.press("o");
    await a.getByTestId("marked-range").waitFor();
    await a.keyboard.press("c");
    await composer.getByText("frame 3–7 · 0:00:02").waitFor();
    expect(await playheadOf(a)).toBe(2);
    await composer.getByLabel("Note", { exact: true }).fill("The face melts from here to here");
    await composer.getByLabel("Note", { exact: true }).press("Enter");
    await composer.waitFor({ state: "detached" });
    await expect.poll(() => pinFrames(b), { timeout: 15_000 }).toEqual([2, 32]);
    const ruler = (await a.getByTestId("ruler").boundingBox())!;
    await a.keyboard.down("Shift");
    await a.mouse.move(ruler.x + ruler.width * 0.5, ruler.y + ruler.height / 2);
    await a.mouse.down();
    await a.mouse.move(ruler.x + ruler.width * 0.7, ruler.y + ruler.height / 2, { steps: 3 });
    await a.mouse.up();
    await a.keyboard.up("Shift");
    const band = (await a.getByTestId("marked-range").boundingBox())!;
    expect(band.width).toBeGreaterThan(ruler.width * 0.15);
    await a.screenshot({ path: `${shots}review-5-range.png` });
    expect(logs.filter((line) => /comments: .* failed/.test(line))).toEqual([]);
  });
});
