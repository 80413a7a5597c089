// What each person sees, with two people in a room: your own playhead's frame, or a
// scratch frame you rendered from a seed, or, while you follow someone, theirs.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc, frameRecipeAt, type Chain } from "@umbra/doc";
import { encodeLatentBase64, recipeHash, recipeLatent, seedFrameRecipe } from "@umbra/latent";
import { DEFAULT_MODEL } from "@umbra/protocol";
import { SCREENSHOTS as shots, startStudio, type Studio } from "../support/studio.js";
import { connectDoc } from "../support/yjs-client.js";

// The studio makes new rooms on the default model: the portraits, whose z has 128 numbers.
const MODEL = DEFAULT_MODEL;
const LATENT_SIZE = 128;

describe("two browsers in one room", () => {
  let studio: Studio;

  beforeAll(async () => {
    studio = await startStudio({ kind: "pglite", open: true });
  });
  afterAll(() => studio?.close());

  const frameIn = (page: Page) => page.getByTestId("frame");
  const shownHash = (page: Page) => frameIn(page).getAttribute("data-hash");
  const playheadOf = async (page: Page) => Number(await page.getByTestId("ruler").getAttribute("aria-valuenow"));

  it("creates a room in one; a seed rendered there is a scratch frame that only its author, and whoever follows them, sees", async () => {
    const director = await (await studio.browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    const animator = await (await studio.browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();

    await director.goto(studio.web.url);
    await director.getByLabel("New room").fill("Shot 12");
    await director.getByRole("button", { name: "Create room" }).click();
    await director.waitForURL(/\/rooms\/[0-9a-f-]{36}$/);
    await expect.poll(() => director.getByRole("heading", { level: 1 }).innerText()).toBe("Shot 12");

    await animator.goto(director.url());
    for (const page of [director, animator]) {
      await page.getByTestId("worker-status").getByText("wasm").waitFor();
      await page.getByTestId("connection").getByText("Connected").waitFor();
      await page.getByRole("tab", { name: "Seeds" }).click();
    }

    await director.getByLabel("Seed", { exact: true }).fill("4242");
    await director.getByRole("button", { name: "Render" }).click();
    const hash = recipeHash(seedFrameRecipe(MODEL, 4242));
    await expect.poll(() => shownHash(director), { timeout: 10_000 }).toBe(hash);
    await expect.poll(() => frameIn(director).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(256);
    await director.getByTestId("scratch-badge").getByText("seed 4242").waitFor();
    await director.screenshot({ path: `${shots}room-director.png` });
    // The animator has nothing on a playhead yet, and does not see the director's scratch frame.
    expect(await frameIn(animator).count()).toBe(0);

    // Following the director shows the director's scratch frame, marked as such.
    await animator.getByRole("button", { name: /^Follow / }).click();
    await expect.poll(() => shownHash(animator), { timeout: 10_000 }).toBe(hash);
    await animator.getByTestId("scratch-badge").getByText("seed 4242").waitFor();
    await animator.screenshot({ path: `${shots}room-animator.png` });

    // Random in the director's window moves both to a new, identical scratch frame.
    await director.getByRole("button", { name: "Random" }).click();
    await expect.poll(async () => (await shownHash(director)) !== hash, { timeout: 10_000 }).toBe(true);
    const next = await shownHash(director);
    await expect.poll(() => shownHash(animator), { timeout: 10_000 }).toBe(next);
    await animator.getByTestId("follow-banner").getByRole("button", { name: "Stop following" }).click();
  });

  // The client's own rule (a scratch seed, a keyframe's latent, the frame between) is tested in process
  // (tests/integration/room-client.test.ts); this shows the button wired to it, on the frame on screen.
  it("captures with Keyframe from playhead exactly the frame on screen", async () => {
    const room = await studio.stack.api.createRoom("Capture", { model: MODEL });
    const editor = connectDoc(studio.stack.collab.url, room.id, await studio.stack.api.realtimeToken(room.id));
    await editor.synced;
    const doc = new RoomDoc(editor.doc);
    const chainId = doc.addChain();
    doc.addKeyframe(chainId, { seed: 11 });
    doc.addKeyframe(chainId, { seed: 22 });
    doc.addKeyframe(chainId, { seed: 33 });
    const chainNow = (): Chain => doc.chain(chainId)!;

    const animator = await (await studio.browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    await animator.goto(`${studio.web.url}/rooms/${room.id}`);
    await animator.getByTestId("frame-counter").getByText("of 121").waitFor();
    // The animator steps to frame 37 with the keyboard.
    await animator.getByTestId("ruler").focus();
    for (let i = 0; i < 3; i++) await animator.keyboard.press("Shift+ArrowRight");
    for (let i = 0; i < 7; i++) await animator.keyboard.press("ArrowRight");
    expect(await playheadOf(animator)).toBe(37);
    const at37 = frameRecipeAt(chainNow(), 37, MODEL)!;
    await expect.poll(() => shownHash(animator), { timeout: 15_000 }).toBe(recipeHash(at37));

    await animator.getByRole("button", { name: "Keyframe from playhead" }).click();
    await expect.poll(() => chainNow().keyframes.length, { timeout: 15_000 }).toBe(4);
    // The new keyframe holds the very latent of the frame the animator saw, and is named by its vector.
    expect(chainNow().keyframes[3]!.latent).toEqual({ vector: encodeLatentBase64(recipeLatent(at37, LATENT_SIZE)) });
    await animator.getByTestId("filmstrip").getByText(/^4\. vector [0-9a-f]{6}$/).waitFor();
    editor.destroy();
  });

  it("lists the room on the home page and shows a clear page for an unknown room", async () => {
    const page = await (await studio.browser.newContext()).newPage();
    await page.goto(studio.web.url);
    await page.getByRole("link", { name: /Shot 12/ }).waitFor();
    const response = await page.goto(`${studio.web.url}/rooms/00000000-0000-4000-8000-000000000000`);
    expect(response?.status()).toBe(404);
    await page.getByText("This room does not exist").waitFor();
  });
});
