// Rooms whose document breaks the schema: one stored before updates were checked
// (collab-server repairs it on load), and one fed invalid state through the relay
// with the check switched off (the studio reads defensively). Both stay usable.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { RoomDoc, findDocProblem } from "@umbra/doc";
import { buildSampleRoom } from "@umbra/doc/testing";
import { SCREENSHOTS as shots, startStudio, type Studio } from "../support/studio.js";
import { connectDoc } from "../support/yjs-client.js";

const playheadOf = async (page: Page) => Number(await page.getByTestId("ruler").getAttribute("aria-valuenow"));

/** Breaks a sample room in the ways issue 11 saw, as an old or malicious client would. */
function damage(doc: Y.Doc): void {
  doc.transact(() => {
    const chains = doc.getArray<unknown>("chains");
    const chain = chains.get(0) as Y.Map<unknown>;
    const transitions = chain.get("transitions") as Y.Map<Y.Map<unknown>>;
    transitions.values().next().value!.set("frames", 1e12);
    transitions.values().next().value!.set("truncation", -1e300);
    chain.set("fps", 1e9);
    ((chain.get("keyframes") as Y.Array<Y.Map<unknown>>).get(2)).set("latent", { vector: "not base64!" });
    chains.push(["a bare string", 42]);
    doc.getMap("meta").set("schemaVersion", "one");
  });
}

async function openStudio(studio: Studio, roomId: string): Promise<{ page: Page; errors: string[] }> {
  const page = await (await studio.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(`${studio.web.url}/rooms/${roomId}`);
  await page.getByTestId("doc-status").getByText("Synced").waitFor();
  return { page, errors };
}

async function expectPlays(page: Page): Promise<void> {
  await page.getByTestId("chains").getByText("Sample").click();
  const start = await playheadOf(page);
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect.poll(() => playheadOf(page), { timeout: 15_000 }).toBeGreaterThan(start + 2);
  await page.getByRole("button", { name: "Pause", exact: true }).click();
}

describe("a room whose document breaks the schema", () => {
  let studio: Studio;
  const logs: string[] = [];

  beforeAll(async () => {
    // The relay's check is off so the second test can feed invalid state to a page; repair on load runs regardless.
    studio = await startStudio({ kind: "pglite", open: true, checkDocumentUpdates: false, log: (line) => logs.push(line) });
  });
  afterAll(() => studio?.close());

  it("is repaired when it loads: the stored rows stay, chains show, playback plays, the owner is told once", async () => {
    const room = await studio.stack.api.createRoom("Damaged before checks");
    const written = new Y.Doc();
    buildSampleRoom(written);
    damage(written);
    const prisma = studio.stack.database.prisma;
    await prisma.yjsUpdate.create({ data: { roomId: room.id, update: new Uint8Array(Y.encodeStateAsUpdate(written)) } });

    const { page, errors } = await openStudio(studio, room.id);
    await page.getByTestId("repair-notice").getByText(/^This room had 7 invalid entries; 3 were removed and 4 corrected\./).waitFor();
    expect(logs.filter((l) => l.includes(`room ${room.id} broke the document schema`))).toHaveLength(1);
    await expectPlays(page);
    await expect.poll(() => page.getByTestId("filmstrip").getByTestId("keyframe").count()).toBe(2);
    await page.screenshot({ path: `${shots}damaged-room-repaired.png` });

    // The repair is a new row after the original, which stays until compaction.
    const rows = await prisma.yjsUpdate.findMany({ where: { roomId: room.id }, orderBy: { id: "asc" } });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(Buffer.from(rows[0]!.update)).toEqual(Buffer.from(Y.encodeStateAsUpdate(written)));
    const replay = new Y.Doc();
    for (const row of rows) Y.applyUpdate(replay, row.update);
    expect(findDocProblem(replay)).toBeNull();
    const [chain] = new RoomDoc(replay).chains();
    expect(chain).toMatchObject({ fps: 30, transitions: [{ frames: 10_000, truncation: 0 }] });

    // Dismissed, the notice stays gone after a reload.
    await page.getByTestId("repair-notice").getByRole("button", { name: "Dismiss" }).click();
    await page.reload();
    await page.getByTestId("doc-status").getByText("Synced").waitFor();
    await page.getByTestId("chains").getByText("Sample").waitFor();
    expect(await page.getByTestId("repair-notice").count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("keeps working when invalid state arrives through the relay, and shows what it skipped", async () => {
    const room = await studio.stack.api.createRoom("Fed invalid state");
    const { page, errors } = await openStudio(studio, room.id);
    const writer = connectDoc(studio.stack.collab.url, room.id, await studio.stack.api.realtimeToken(room.id));
    await writer.synced;
    buildSampleRoom(writer.doc);
    await page.getByTestId("chains").getByText("Sample").waitFor();
    damage(writer.doc);

    await page.getByTestId("skipped-notice").getByText(/entries of this room could not be read as stored/).waitFor({ timeout: 15_000 });
    await page.getByTestId("skipped-notice").locator("summary").click();
    await page.getByTestId("skipped-notice").getByText(/frames: must be at most 10000/).waitFor();
    await expectPlays(page);
    // The timeline holds the clamped 10,000 frames, not 10¹²: one keyframe was unreadable, so one transition is left.
    expect(await page.getByTestId("ruler").getAttribute("aria-valuemax")).toBe(String(10_000));
    await page.screenshot({ path: `${shots}damaged-room-relayed.png` });
    expect(errors).toEqual([]);
    writer.destroy();
  });
});
