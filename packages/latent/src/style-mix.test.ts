import { describe, expect, it } from "vitest";
import { styleMixSchema } from "./latent-ref-schema.js";
import { encodeLatentBase64 } from "./latent-vector.js";
import { frameKeyframeLatent, recipeHash, recipeLatent, recipeNeedsW, resolveLatent, resolveW, seedFrameRecipe } from "./recipe.js";
import { describeStyleLayers, styleLayerIndices } from "./style-mix.js";

/** The portraits model's style layers: 4², 8², 8², 16², 16², 32², 32², 64², 64², toRGB at 64². */
const PORTRAITS = [4, 8, 8, 16, 16, 32, 32, 64, 64, 64];

describe("styleLayerIndices", () => {
  it("splits layers by resolution into coarse, middle and fine", () => {
    expect(styleLayerIndices("coarse", PORTRAITS)).toEqual([0, 1, 2]);
    expect(styleLayerIndices("middle", PORTRAITS)).toEqual([3, 4, 5, 6]);
    expect(styleLayerIndices("fine", PORTRAITS)).toEqual([7, 8, 9]);
  });

  it("takes explicit ranges inside the model and refuses others, saying how many layers there are", () => {
    expect(styleLayerIndices({ first: 2, last: 4 }, PORTRAITS)).toEqual([2, 3, 4]);
    expect(() => styleLayerIndices({ first: 8, last: 10 }, PORTRAITS)).toThrow(/10 style layers \(0–9\)/);
    expect(() => styleLayerIndices("fine", [4, 8, 16, 32])).toThrow(/no fine style layers/);
  });

  it("reads as a person says it", () => {
    expect(describeStyleLayers("middle")).toBe("middle");
    expect(describeStyleLayers({ first: 2, last: 5 })).toBe("layers 2–5");
  });
});

describe("style mixes and w latents in recipes", () => {
  const w = encodeLatentBase64(new Float32Array([0.5, -1, 2, 0]));

  it("validates mixes: named groups, ordered ranges within bounds, a latent of any form", () => {
    expect(styleMixSchema.safeParse({ latent: { seed: 3 }, layers: "coarse" }).success).toBe(true);
    expect(styleMixSchema.safeParse({ latent: { w }, layers: { first: 0, last: 63 } }).success).toBe(true);
    for (const bad of [
      { latent: { seed: 3 }, layers: "all" },
      { latent: { seed: 3 }, layers: { first: 4, last: 2 } },
      { latent: { seed: 3 }, layers: { first: 0, last: 64 } },
      { latent: { seed: -1 }, layers: "fine" },
      { latent: { seed: 3 }, layers: "fine", extra: 1 },
    ]) {
      expect(styleMixSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it("leaves the hash of a recipe without mixes as it was, and a mix or its layers change it", () => {
    const plain = seedFrameRecipe("builtin/portraits", 1);
    // The hash of this recipe before mixing existed (recipes stored in comments and exports keep their identity).
    expect(recipeHash(plain)).toBe(recipeHash({ ...plain, fromMix: undefined, toMix: undefined }));
    const coarse = recipeHash({ ...plain, fromMix: { latent: { seed: 2 }, layers: "coarse" } });
    const fine = recipeHash({ ...plain, fromMix: { latent: { seed: 2 }, layers: "fine" } });
    expect(new Set([recipeHash(plain), coarse, fine]).size).toBe(3);
  });

  it("finds frames with a w end or a mix in w, and refuses them a single z", () => {
    const plain = seedFrameRecipe("m", 1, { to: { seed: 2 }, t: 0.5 });
    expect(recipeNeedsW(plain)).toBe(false);
    expect(recipeNeedsW({ ...plain, to: { w } })).toBe(true);
    expect(recipeNeedsW({ ...plain, t: 0, to: { w } })).toBe(false);
    expect(recipeNeedsW({ ...plain, toMix: { latent: { seed: 4 }, layers: "fine" } })).toBe(true);
    expect(() => recipeLatent({ ...plain, fromMix: { latent: { seed: 4 }, layers: "fine" } }, 4)).toThrow(/per-layer styles/);
    expect(() => resolveLatent({ w }, 4)).toThrow(/mapping network/);
    expect(resolveW({ w }, 4)).toEqual(new Float32Array([0.5, -1, 2, 0]));
    expect(() => resolveW({ w }, 8)).toThrow(/has 4 numbers, the model needs 8/);
  });
});

describe("frameKeyframeLatent", () => {
  const wA = encodeLatentBase64(new Float32Array([0, 2]));
  const wB = encodeLatentBase64(new Float32Array([4, 6]));
  const mix = { latent: { seed: 8 }, layers: "fine" as const };

  it("holds a keyframe's own frame with its mix, a z frame as its z, and a frame between two w as their w", () => {
    expect(frameKeyframeLatent(seedFrameRecipe("m", 3, { fromMix: mix, to: { seed: 4 } }), 4)).toEqual({ latent: { seed: 3 }, mix });
    const z = seedFrameRecipe("m", 3, { to: { seed: 4 }, t: 0.5 });
    expect(frameKeyframeLatent(z, 4)).toEqual({ latent: { vector: encodeLatentBase64(recipeLatent(z, 4)) } });
    expect(frameKeyframeLatent(seedFrameRecipe("m", 0, { from: { w: wA }, to: { w: wB }, t: 0.25 }), 4)).toEqual({ latent: { w: encodeLatentBase64(new Float32Array([1, 3])) } });
  });

  it("has none for frames no single latent holds without the model", () => {
    expect(frameKeyframeLatent(seedFrameRecipe("m", 3, { to: { w: wB }, t: 0.5 }), 4)).toBeNull();
    expect(frameKeyframeLatent(seedFrameRecipe("m", 3, { to: { seed: 4 }, toMix: mix, t: 0.5 }), 4)).toBeNull();
  });
});
