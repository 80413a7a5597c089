// Exploring seeds in Chromium: a grid of sequential seeds rendered for this browser,
// one picked as a transition's destination, its neighbourhood explored, and a
// neighbour added as a keyframe, all landing in the shared document.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc } from "@umbra/doc";
import { recipeHash, seedFrameRecipe } from "@umbra/latent";
import { gridLatents } from "../../apps/web/lib/seed-grid.js";
import { SCREENSHOTS as shots, startStudio, type Studio } from "../support/studio.js";
import { connectDoc } from "../support/yjs-client.js";

describe("the seed browser", () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio({ kind: "pglite", open: true });
  });
  afterAll(() => studio?.close());

  it("shows a page of seeds, replaces a transition's destination, explores around it and adds a neighbour", async () => {
    const room = await studio.stack.api.createRoom("Seeds");
    const editor = connectDoc(studio.stack.collab.url, room.id, await studio.stack.api.realtimeToken(room.id));
    await editor.synced;
    const doc = new RoomDoc(editor.doc);
    const chainId = doc.addChain();
    doc.addKeyframe(chainId, { seed: 1 });
    doc.addKeyframe(chainId, { seed: 2 });

    const page = await (await studio.browser.newContext({ viewport: { width: 1360, height: 1100 } })).newPage();
    await page.goto(`${studio.web.url}/rooms/${room.id}`);
    await page.getByTestId("worker-status").getByText("wasm").waitFor();
    await page.getByRole("tab", { name: "Seeds" }).click();
    await page.getByRole("button", { name: "Browse seeds…" }).click();
    const browser = page.getByTestId("seed-browser");
    await browser.getByLabel("First seed").fill("300");
    await browser.getByLabel("First seed").press("Enter");
    await browser.getByRole("button", { name: "Cell 1: seed 300" }).waitFor();
    await expect.poll(() => browser.locator("img").count(), { timeout: 20_000 }).toBe(16);
    const cellHash = (seed: number) => recipeHash(seedFrameRecipe(room.model, 0, { from: { seed }, to: { seed }, width: 128, height: 128 }));
    expect(await browser.getByRole("button", { name: "Cell 4: seed 303" }).locator("img").getAttribute("data-hash")).toBe(cellHash(303));
    await page.screenshot({ path: `${shots}seeds-grid.png` });

    // Seed 303 replaces the destination of the transition under the playhead.
    await browser.getByRole("button", { name: "Cell 4: seed 303" }).click();
    await browser.getByRole("button", { name: "Use as destination" }).click();
    await expect.poll(() => doc.chains()[0]!.keyframes.map((k) => k.latent)).toEqual([{ seed: 1 }, { seed: 303 }]);

    // Its neighbourhood: the center, then fifteen nearby vectors, rendered too.
    await browser.getByRole("button", { name: "Explore around" }).click();
    await browser.getByRole("button", { name: "Center 1: seed 303" }).waitFor();
    await expect.poll(() => browser.locator("img").count(), { timeout: 20_000 }).toBe(16);
    const hashes = await browser.locator("img").evaluateAll((imgs) => imgs.map((img) => img.getAttribute("data-hash")));
    expect(new Set(hashes).size).toBe(16);
    await page.screenshot({ path: `${shots}seeds-around.png` });

    // A neighbour becomes a keyframe at the end of the chain: exactly the vector shown.
    await browser.getByRole("button", { name: "Cell 5: vector" }).click();
    await browser.getByRole("button", { name: "Add as keyframe" }).click();
    const expected = gridLatents({ kind: "around", center: { seed: 303 }, strength: 0.25, page: 0 }, 512)[4];
    await expect.poll(() => doc.chains()[0]!.keyframes.length).toBe(3);
    expect(doc.chains()[0]!.keyframes[2]!.latent).toEqual(expected);
    editor.destroy();
  });
});
