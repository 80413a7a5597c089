// Style mixing and directions with two people in a room on the portraits model: what
// one sets in the Style tab is written to the shared chain, the other person's frame
// is exactly the mixed or nudged recipe, a slider drag is one undo step, and the
// nudged keyframe's w is the keyframe's own w moved along the model's first direction.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc, frameRecipeAt, type Chain } from "@umbra/doc";
import { chooseBackend, PortraitsGenerator } from "@umbra/gan-worker";
import { decodeLatentBase64, nudgeLatent, recipeHash, seedFrameRecipe } from "@umbra/latent";
import { DEFAULT_MODEL } from "@umbra/protocol";
import { SCREENSHOTS as shots, openTwoPages, startStudio, type Studio } from "../support/studio.js";
import { connectDoc } from "../support/yjs-client.js";

const MODEL = DEFAULT_MODEL;

describe("style mixing and direction sliders, two people", () => {
  let studio: Studio;
  beforeAll(async () => {
    studio = await startStudio({ kind: "pglite", open: true });
  });
  afterAll(() => studio?.close());

  const shownHash = (page: Page) => page.getByTestId("frame").getAttribute("data-hash");

  it("mixes middle layers from another keyframe and nudges along direction 1, live for both, undone in one step", async () => {
    const room = await studio.stack.api.createRoom("Faces", { model: MODEL });
    const observer = connectDoc(studio.stack.collab.url, room.id, await studio.stack.api.realtimeToken(room.id));
    await observer.synced;
    const doc = new RoomDoc(observer.doc);
    const chainId = doc.addChain({ snapshot: "default" });
    const first = doc.addKeyframe(chainId, { seed: 11 })!;
    const second = doc.addKeyframe(chainId, { seed: 22 })!;
    doc.setTransition(chainId, first, { frames: 12 });
    doc.setTransition(chainId, second, { frames: 12 });
    doc.addKeyframe(chainId, { seed: 33 });
    const chainNow = (): Chain => doc.chain(chainId)!;
    const hashAt = (frame: number) => recipeHash(frameRecipeAt(chainNow(), frame, MODEL)!);

    const [director, animator] = await openTwoPages(studio, room.id, 25, { width: 1440, height: 900 });
    // Both playheads are on keyframe 1; the director opens the Style tab for it.
    await director.getByRole("tab", { name: "Style" }).click();
    await director.getByTestId("style-target").getByText("Keyframe 1").waitFor();
    await expect.poll(() => shownHash(animator), { timeout: 15_000 }).toBe(hashAt(0));
    const plainHash = hashAt(0);

    // Mix: middle layers from keyframe 2 ("seed 22").
    await director.getByLabel("Mix source").selectOption({ label: "keyframe seed 22" });
    await director.getByRole("radio", { name: "middle" }).click();
    await expect.poll(() => chainNow().keyframes[0]!.mix, { timeout: 15_000 }).toEqual({ latent: { seed: 22 }, layers: "middle" });
    const mixedHash = hashAt(0);
    expect(mixedHash).toBe(recipeHash(seedFrameRecipe(MODEL, 11, { to: { seed: 22 }, fromMix: { latent: { seed: 22 }, layers: "middle" } })));
    await expect.poll(() => shownHash(animator), { timeout: 15_000 }).toBe(mixedHash);
    await expect.poll(() => shownHash(director), { timeout: 15_000 }).toBe(mixedHash);
    // In the words of the model's own manifest, not those of a StyleGAN of faces.
    await director.getByTestId("mix-summary").getByText(/middle \(16–32 px: backdrop and clothes, sometimes the hairstyle\) from keyframe seed 22/).waitFor();
    // The animator's frame details name the mix, and the Style tab shows it.
    await animator.getByRole("tab", { name: "Frame" }).click();
    await animator.getByTestId("frame-mix").getByText("middle from seed 22").waitFor();
    await animator.getByRole("tab", { name: "Style" }).click();
    await animator.getByTestId("mix-summary").getByText(/middle .* from keyframe seed 22/).waitFor();
    await director.screenshot({ path: `${shots}style-mix-director.png` });
    await animator.screenshot({ path: `${shots}style-mix-animator.png` });

    // Directions: drag direction 1 to the right, in one gesture.
    const slider = director.getByRole("slider", { name: "Direction 1" });
    await slider.waitFor();
    const box = (await slider.boundingBox())!;
    await director.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await director.mouse.down();
    for (let step = 1; step <= 8; step++) await director.mouse.move(box.x + box.width / 2 + (step * box.width) / 20, box.y + box.height / 2);
    await director.mouse.up();
    const amountText = await director.getByTestId("direction-1-amount").innerText();
    const amount = Number(amountText.replace("σ", ""));
    expect(amount).toBeGreaterThan(0.5);
    await expect.poll(() => "w" in chainNow().keyframes[0]!.latent, { timeout: 15_000 }).toBe(true);
    // The stored w is keyframe 1's own w moved by `amount` σ along the model's first direction.
    await chooseBackend("wasm", () => {});
    const generator = await PortraitsGenerator.load();
    const [base] = await generator.mapLatents([seedFrameRecipe(MODEL, 11, { truncation: 1 })]);
    const expected = nudgeLatent(base!, await generator.latentDirections("default"), [amount]);
    const stored = chainNow().keyframes[0]!.latent;
    if (!("w" in stored)) throw new Error("keyframe 1 is not a w latent");
    decodeLatentBase64(stored.w).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 4));
    // The mix stays, and both people see the nudged, mixed keyframe.
    expect(chainNow().keyframes[0]!.mix).toEqual({ latent: { seed: 22 }, layers: "middle" });
    const nudgedHash = hashAt(0);
    await expect.poll(() => shownHash(animator), { timeout: 15_000 }).toBe(nudgedHash);
    await expect.poll(() => shownHash(director), { timeout: 15_000 }).toBe(nudgedHash);
    await animator.getByTestId("filmstrip").getByText(/^1\. w [0-9a-f]{6}$/).waitFor();
    await director.screenshot({ path: `${shots}style-nudge-director.png` });
    await animator.screenshot({ path: `${shots}style-nudge-animator.png` });

    // One Ctrl+Z undoes the whole drag: keyframe 1 is seed 11 again, still mixed.
    await director.getByTestId("ruler").focus();
    await director.keyboard.press("Control+z");
    await expect.poll(() => chainNow().keyframes[0]!.latent, { timeout: 15_000 }).toEqual({ seed: 11 });
    expect(chainNow().keyframes[0]!.mix).toEqual({ latent: { seed: 22 }, layers: "middle" });
    await expect.poll(() => shownHash(animator), { timeout: 15_000 }).toBe(mixedHash);
    // Clearing the mix restores the plain frame.
    await director.getByLabel("Mix source").selectOption({ label: "nothing (no mix)" });
    await expect.poll(() => chainNow().keyframes[0]!.mix, { timeout: 15_000 }).toBeUndefined();
    await expect.poll(() => shownHash(animator), { timeout: 15_000 }).toBe(plainHash);
    observer.destroy();
  });
});
