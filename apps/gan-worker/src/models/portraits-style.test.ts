import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIRECTION_COUNT, encodeLatentBase64, nudgeLatent, seedFrameRecipe, type FrameRecipe } from "@umbra/latent";
import { chooseBackend } from "../backend.js";
import { CppnGenerator } from "../cppn-generator.js";
import { PORTRAITS_FOLDER, readPortraitsManifest } from "./portraits-weights.js";
import { ModelRegistry } from "../model-registry.js";
import { PortraitsGenerator } from "./portraits-generator.js";

const MODEL = "builtin/portraits";
const at64 = (seed: number, overrides: Partial<FrameRecipe> = {}) => seedFrameRecipe(MODEL, seed, { width: 64, height: 64, ...overrides });
const meanAbsDiff = (a: Uint8Array, b: Uint8Array) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe("style mixing, w latents and directions on the portraits model", () => {
  let generator: PortraitsGenerator;
  let directionsDir: string;
  beforeAll(async () => {
    await chooseBackend("wasm", () => {});
    directionsDir = await mkdtemp(join(tmpdir(), "umbra-directions-"));
    generator = await PortraitsGenerator.load(undefined, directionsDir);
  });
  afterAll(() => rm(directionsDir, { recursive: true, force: true }));

  it("has ten style layers: coarse 4²–8², middle 16²–32², fine 64² and toRGB", () => {
    expect(generator.styleLayers).toEqual([4, 8, 8, 16, 16, 32, 32, 64, 64, 64]);
  });

  it("describes what its layer groups carry, as its mixing sheet shows, for the Style tab", () => {
    const described = new ModelRegistry([generator]).describe()[0]!;
    expect(described.styleGroups).toEqual({ coarse: "skin tone", middle: "backdrop and clothes, sometimes the hairstyle", fine: "almost nothing" });
  });

  it("mixes by layer: a mix from itself changes nothing, a mix of every layer is the other latent, a coarse one is neither", async () => {
    const [a, b, selfMix, allFromB, coarseFromB] = await generator.render([
      at64(21),
      at64(22),
      at64(21, { fromMix: { latent: { seed: 21 }, layers: "coarse" } }),
      at64(21, { fromMix: { latent: { seed: 22 }, layers: { first: 0, last: 9 } } }),
      at64(21, { fromMix: { latent: { seed: 22 }, layers: "coarse" } }),
    ]);
    expect(same(selfMix!.pixels, a!.pixels)).toBe(true);
    expect(same(allFromB!.pixels, b!.pixels)).toBe(true);
    expect(meanAbsDiff(coarseFromB!.pixels, a!.pixels)).toBeGreaterThan(2);
    expect(meanAbsDiff(coarseFromB!.pixels, b!.pixels)).toBeGreaterThan(2);
  });

  it("renders a mixed frame to the same pixels alone or in a batch of plain ones", async () => {
    const mixed = at64(30, { to: { seed: 31 }, t: 0.4, toMix: { latent: { w: encodeLatentBase64(new Float32Array(128).fill(0.3)) }, layers: "fine" } });
    const [alone] = await generator.render([mixed]);
    const batch = await generator.render([at64(1), mixed, at64(2)]);
    expect(same(batch[1]!.pixels, alone!.pixels)).toBe(true);
  });

  it("takes w latents past the mapping network: a seed's own w renders that seed", async () => {
    const [w] = await generator.mapLatents([at64(40, { truncation: 1 })]);
    const [fromSeed, fromW] = await generator.render([at64(40), at64(0, { from: { w: encodeLatentBase64(w!) }, to: { w: encodeLatentBase64(w!) } })]);
    expect(meanAbsDiff(fromSeed!.pixels, fromW!.pixels)).toBeLessThan(0.5);
  });

  it("refuses layers it lacks, w of the wrong size, and per-frame w of a mixed frame, saying why", async () => {
    await expect(generator.render([at64(1, { fromMix: { latent: { seed: 2 }, layers: { first: 8, last: 12 } } })])).rejects.toThrow(/10 style layers \(0–9\)/);
    await expect(generator.render([at64(1, { from: { w: encodeLatentBase64(new Float32Array(3)) } })])).rejects.toThrow(/w latent has 3 numbers, the model needs 128/);
    await expect(generator.mapLatents([at64(1, { fromMix: { latent: { seed: 2 }, layers: "fine" } })])).rejects.toThrow(/w per layer/);
  });

  it("finds eight directions per snapshot, largest spread first, kept on disk by the weights' hash", async () => {
    const directions = await generator.latentDirections("default");
    expect(directions).toHaveLength(DIRECTION_COUNT);
    for (let i = 1; i < directions.length; i++) expect(directions[i]!.sigma).toBeLessThanOrEqual(directions[i - 1]!.sigma);
    for (const d of directions) expect(Math.hypot(...d.vector)).toBeCloseTo(1, 4);
    const manifest = await readPortraitsManifest(PORTRAITS_FOLDER);
    const hash = manifest.snapshots.find((s) => s.name === "default")!.sha256;
    expect(await readdir(directionsDir)).toEqual([`${hash}.json`]);
    // Another worker on the same folder reads them rather than finding them again.
    const stored = JSON.parse(await readFile(join(directionsDir, `${hash}.json`), "utf8"));
    stored.directions[0].sigma = 123;
    await writeFile(join(directionsDir, `${hash}.json`), JSON.stringify(stored));
    const again = await (await PortraitsGenerator.load(undefined, directionsDir)).latentDirections("default");
    expect(again[0]!.sigma).toBe(123);
    expect(again[1]).toEqual(directions[1]);
    const early = await generator.latentDirections(generator.snapshots[1]!);
    expect(early[0]!.vector).not.toEqual(directions[0]!.vector);
  });

  it("changes a portrait gradually along the first direction", async () => {
    const directions = await generator.latentDirections("default");
    const [base] = await generator.mapLatents([at64(50, { truncation: 1 })]);
    const amounts = [-2, -1, 0, 1, 2];
    const frames = await generator.render(amounts.map((amount) => at64(0, { from: { w: encodeLatentBase64(nudgeLatent(base!, directions, [amount])) } })));
    const whole = meanAbsDiff(frames[0]!.pixels, frames[4]!.pixels);
    expect(whole).toBeGreaterThan(5);
    for (let i = 1; i < frames.length; i++) expect(meanAbsDiff(frames[i - 1]!.pixels, frames[i]!.pixels)).toBeLessThan(whole * 0.6);
  });

  it("leaves models without per-layer styles to refuse mixes and w latents", async () => {
    const cppn = new CppnGenerator();
    const recipe = seedFrameRecipe("builtin/cppn", 1, { width: 32, height: 32 });
    await expect(cppn.render([{ ...recipe, fromMix: { latent: { seed: 2 }, layers: "coarse" } }])).rejects.toThrow(/per-layer styles/);
    await expect(cppn.render([{ ...recipe, from: { w: encodeLatentBase64(new Float32Array(512)) } }])).rejects.toThrow(/mapping network/);
  });
});
