import { describe, expect, it } from "vitest";
import { SeededRandom } from "./prng.js";
import { encodeLatentBase64, latentFromSeed, lerp, slerp } from "./latent-vector.js";
import { canonicalJson, recipeHash, recipeLatent, resolveLatent, seedFrameRecipe, type FrameRecipe } from "./recipe.js";

const base: FrameRecipe = seedFrameRecipe("builtin/cppn", 1, { to: { seed: 2 }, t: 0.25 });

describe("recipeHash", () => {
  it("is a 64-digit hex digest that ignores key order", () => {
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as unknown as FrameRecipe;
    expect(recipeHash(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(recipeHash(reordered)).toBe(recipeHash(base));
  });

  it("changes when any field that decides pixels changes", () => {
    const variants: Partial<FrameRecipe>[] = [
      { model: "other" }, { snapshot: "s2" }, { from: { seed: 3 } }, { to: { seed: 3 } }, { t: 0.26 },
      { interpolation: "lerp" }, { truncation: 0.5 }, { noiseSeed: 1 }, { view: "shadows" }, { width: 512 }, { height: 128 },
    ];
    const hashes = new Set([recipeHash(base), ...variants.map((v) => recipeHash({ ...base, ...v }))]);
    expect(hashes.size).toBe(variants.length + 1);
  });

  it("over random recipes: equal canonical text iff equal hash", () => {
    const r = new SeededRandom(99);
    const seen = new Map<string, string>();
    for (let i = 0; i < 500; i++) {
      const recipe = { ...base, from: { seed: r.nextUint32() % 8 }, t: (r.nextUint32() % 4) / 4 };
      const text = canonicalJson(recipe);
      const hash = recipeHash(recipe);
      if (seen.has(text)) expect(seen.get(text)).toBe(hash);
      seen.set(text, hash);
    }
    expect(new Set(seen.values()).size).toBe(seen.size);
  });

  it("treats -0 as 0 and refuses non-finite numbers", () => {
    expect(recipeHash({ ...base, t: -0 })).toBe(recipeHash({ ...base, t: 0 }));
    expect(() => recipeHash({ ...base, t: Number.NaN })).toThrow(/non-finite/);
  });
});

describe("seedFrameRecipe", () => {
  it("starts from Marrow's defaults and takes overrides", () => {
    expect(seedFrameRecipe("m", 7)).toEqual({
      model: "m", snapshot: "default", from: { seed: 7 }, to: { seed: 7 }, t: 0, interpolation: "slerp",
      truncation: 0.7, noiseSeed: 0, view: "color", width: 256, height: 256,
    });
    expect(seedFrameRecipe("m", 7, { view: "shadows", width: 512 })).toMatchObject({ view: "shadows", width: 512, height: 256 });
  });
});

describe("recipeLatent", () => {
  it("interpolates the resolved endpoints with the recipe's method", () => {
    const a = latentFromSeed(1, 64);
    const b = latentFromSeed(2, 64);
    expect(recipeLatent({ ...base, interpolation: "lerp" }, 64)).toEqual(lerp(a, b, 0.25));
    expect(recipeLatent(base, 64)).toEqual(slerp(a, b, 0.25));
    expect(recipeLatent({ ...base, t: 0 }, 64)).toEqual(a);
  });

  it("accepts explicit vectors of the model's size and refuses others", () => {
    const v = latentFromSeed(5, 64);
    expect(resolveLatent({ vector: encodeLatentBase64(v) }, 64)).toEqual(v);
    expect(() => resolveLatent({ vector: encodeLatentBase64(v) }, 512)).toThrow(/has 64 numbers, the model needs 512/);
  });
});
