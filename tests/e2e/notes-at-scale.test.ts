// A room of 2,000 notes in Chromium (more than the page carries itself, so they come by the
// page's preload): every note is on the timeline, even before the room's socket connects, the Notes list draws only the rows in view
// and loads each as it scrolls into view, a text search asks the server, and the owner
// resolves every note of a chain at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBulkNotes } from "../support/bulk-notes.js";
import { asReturningVisitor } from "../support/returning-visitor.js";
import { roomWithChain } from "../support/room-with-chain.js";
import { SCREENSHOTS as shots, startStudio, type Studio } from "../support/studio.js";

const NOTES = 2000;

describe("a room of thousands of notes in the studio", () => {
  let studio: Studio;

  beforeAll(async () => {
    studio = await startStudio({ kind: "pglite", open: true });
  });
  afterAll(async () => {
    await studio?.close();
  });

  it("shows every note on the timeline, scrolls the list loading rows as they come into view, searches, and resolves a chain's notes at once", async () => {
    const { room, chain, editor } = await roomWithChain(studio, "Feature review", { frames: 481, seeds: [1, 2] });
    const me = (await studio.stack.api.expect(200, "GET", "/api/auth/me")) as { user: { id: string } };
    await addBulkNotes(studio.stack.database.prisma, { roomId: room.id, model: room.model, authorId: me.user.id, chainId: chain.id, fromKeyframeId: chain.keyframes[0]!.id, threads: NOTES, commentsPerThread: 2 });
    editor.destroy();
    const context = await studio.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await asReturningVisitor(context, studio.web.url, { name: "Reviewer 1", color: "#f4a261" });
    const page = await context.newPage();
    await page.goto(`${studio.web.url}/rooms/${room.id}`);
    await page.getByTestId("frame-counter").getByText("of 481").waitFor();
    // Every note counted in the pins (a marker's number says how many it holds).
    const pinned = () => page.getByTestId("note-pin").evaluateAll((pins) => pins.reduce((sum, pin) => sum + (Number(pin.textContent) || 1), 0));
    await expect.poll(pinned, { timeout: 30_000 }).toBe(NOTES);

    // The page's own fetch of the notes is shown as it arrives, not held back until the
    // room's socket connects: here it never does, and every pin still shows.
    const unconnected = await studio.browser.newContext({ viewport: { width: 1440, height: 900 } });
    await asReturningVisitor(unconnected, studio.web.url, { name: "Reviewer 1", color: "#f4a261" });
    await unconnected.routeWebSocket(/socket\.io/, () => {});
    const waiting = await unconnected.newPage();
    await waiting.goto(`${studio.web.url}/rooms/${room.id}`);
    await expect.poll(() => waiting.getByTestId("note-pin").evaluateAll((pins) => pins.reduce((sum, pin) => sum + (Number(pin.textContent) || 1), 0)), { timeout: 30_000 }).toBe(NOTES);
    await unconnected.close();

    await page.getByRole("tab", { name: /^Notes/ }).click();
    const items = page.getByTestId("note-item");
    await items.first().getByText("comment 1 on this note").waitFor();
    // Only the rows in view (and a few either side) are in the page, not two thousand.
    expect(await items.count()).toBeLessThan(40);
    const list = page.getByRole("list", { name: "Notes on the timeline" });
    await list.evaluate((ul) => ul.parentElement!.scrollTo({ top: ul.scrollHeight }));
    // The last rows come into view and load: the last note sits on the transition's last frame.
    await items.last().getByText("comment 1 on this note").waitFor();
    await items.last().getByText(/frame 480/).waitFor();
    await page.screenshot({ path: `${shots}/notes-at-scale-list.png` });

    // A search the server answers: every note has a second comment, more than one answer holds; words none has, none.
    const search = page.getByLabel("Search the notes' comments");
    await search.fill("comment 2");
    await page.getByTestId("notes-panel").getByText("Over 1000 notes match", { exact: false }).waitFor();
    await search.fill("no such words anywhere");
    await page.getByTestId("notes-panel").getByText("No notes here.", { exact: false }).waitFor();
    await search.fill("");
    await items.first().waitFor();

    // The owner resolves every note of the chain at once, after saying yes to how many.
    await page.getByText("Tidy notes").click();
    await page.getByLabel("Notes on chain").selectOption({ label: chain.name });
    await page.getByRole("button", { name: "Resolve matching" }).click();
    await page.getByRole("alertdialog").getByText(`Resolve about ${NOTES} notes?`).waitFor();
    await page.getByRole("button", { name: "Resolve them" }).click();
    await page.getByTestId("note-tidy").getByText(`Resolved ${NOTES} notes.`).waitFor();
    // The Open list empties; Resolved holds them all.
    await page.getByTestId("notes-panel").getByText("No notes here.", { exact: false }).waitFor();
    await page.getByRole("button", { name: "Resolved", exact: true }).click();
    await items.first().waitFor();
    await context.close();
  });
});
