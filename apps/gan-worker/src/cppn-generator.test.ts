import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { seedFrameRecipe } from "@umbra/latent";
import { chooseBackend } from "./backend.js";
import { CppnGenerator } from "./cppn-generator.js";
import { encodeFrame } from "./frame-encoder.js";
import { shadowsFromRgb } from "./shadows.js";
import { ModelRegistry } from "./model-registry.js";

const base = seedFrameRecipe("builtin/cppn", 11, { to: { seed: 12 } });

const meanAbsDiff = (a: Uint8Array, b: Uint8Array) => a.reduce((s, x, i) => s + Math.abs(x - b[i]!), 0) / a.length;

describe("the built-in generator on wasm", () => {
  const generator = new CppnGenerator();
  beforeAll(async () => {
    expect((await chooseBackend("wasm", () => {})).name).toBe("wasm");
  });

  it("has a latent of at least 128 numbers and renders at least 256×256", async () => {
    expect(generator.latentSize).toBeGreaterThanOrEqual(128);
    const [frame] = await generator.render([base]);
    expect([frame!.width, frame!.height, frame!.pixels.length]).toEqual([256, 256, 256 * 256 * 3]);
  });

  it("is deterministic: the same recipe gives the same pixels, bit for bit", async () => {
    const [a] = await generator.render([base]);
    const [b] = await new CppnGenerator().render([base]);
    expect(Buffer.from(a!.pixels).equals(Buffer.from(b!.pixels))).toBe(true);
  });

  it("renders a frame the same alone or in a batch of others, bit for bit", async () => {
    const recipes = Array.from({ length: 5 }, (_, i) => ({ ...base, from: { seed: 100 + i }, t: i / 4, truncation: 0.5 + i / 10 }));
    const batched = await generator.render(recipes);
    for (const [i, recipe] of recipes.entries()) {
      const [alone] = await generator.render([recipe]);
      expect(Buffer.from(batched[i]!.pixels).equals(Buffer.from(alone!.pixels)), `frame ${i}`).toBe(true);
    }
    expect(meanAbsDiff(batched[0]!.pixels, batched[4]!.pixels)).toBeGreaterThan(5);
  });

  it("makes varied images over 40 seeds: contrast, little clipping, seeds differ", async () => {
    const frames = await generator.render(Array.from({ length: 40 }, (_, i) => ({ ...base, from: { seed: i + 1 }, to: { seed: i + 1 } })));
    const contrast = frames.map((f) => {
      const luma = Array.from({ length: f.pixels.length / 3 }, (_, p) => 0.299 * f.pixels[3 * p]! + 0.587 * f.pixels[3 * p + 1]! + 0.114 * f.pixels[3 * p + 2]!);
      const mean = luma.reduce((s, x) => s + x, 0) / luma.length;
      return Math.sqrt(luma.reduce((s, x) => s + (x - mean) ** 2, 0) / luma.length);
    });
    const clipped = frames.map((f) => f.pixels.reduce((n, x) => n + (x === 0 || x === 255 ? 1 : 0), 0) / f.pixels.length);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    expect(median(contrast), "median luma standard deviation").toBeGreaterThan(25);
    expect(contrast.filter((c) => c < 12).length, "near-flat frames").toBeLessThanOrEqual(2);
    expect(median(clipped), "median share of clipped channels").toBeLessThan(0.05);
    expect(Math.max(...clipped), "worst share of clipped channels").toBeLessThan(0.3);
    for (let i = 1; i < 10; i++) expect(meanAbsDiff(frames[0]!.pixels, frames[i]!.pixels)).toBeGreaterThan(15);
  });

  it("changes smoothly along an interpolation", async () => {
    const ts = Array.from({ length: 11 }, (_, i) => i / 10);
    const frames = await generator.render(ts.map((t) => ({ ...base, t })));
    const steps = frames.slice(1).map((f, i) => meanAbsDiff(frames[i]!.pixels, f.pixels));
    const endToEnd = meanAbsDiff(frames[0]!.pixels, frames[10]!.pixels);
    expect(endToEnd).toBeGreaterThan(15);
    // No single tenth of the way jumps by more than half the whole change.
    for (const step of steps) expect(step).toBeLessThan(endToEnd / 2);
  });

  it("refuses unknown models and snapshots with clear errors", async () => {
    expect(() => new ModelRegistry().get("nope")).toThrow(/unknown model "nope"/);
    await expect(generator.render([{ ...base, snapshot: "v9" }])).rejects.toThrow(/no snapshot "v9"/);
  });

  it("encodes JPEG, and the shadows view as black and white", async () => {
    const [frame] = await generator.render([base]);
    const colorJpeg = await encodeFrame(frame!, { view: "color" });
    expect(colorJpeg.mime).toBe("image/jpeg");
    const color = await sharp(colorJpeg.bytes).metadata();
    expect([color.format, color.width, color.height, color.channels]).toEqual(["jpeg", 256, 256, 3]);
    const shadowsJpeg = await encodeFrame(frame!, { view: "shadows" });
    expect((await sharp(shadowsJpeg.bytes).metadata()).channels).toBe(1);
    const shadows = await sharp(shadowsJpeg.bytes).toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
    expect(shadows.info.channels).toBe(1);
    const extremes = shadows.data.reduce((n, x) => n + (x < 40 || x > 215 ? 1 : 0), 0) / shadows.data.length;
    expect(extremes).toBeGreaterThan(0.9);
  });

  it("encodes PNG when the recipe asks, holding the generator's pixels exactly, in colour and Shadows", async () => {
    const [frame] = await generator.render([base]);
    const color = await encodeFrame(frame!, { view: "color", encoding: "png" });
    expect(color.mime).toBe("image/png");
    const colorPixels = await sharp(color.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(colorPixels.info.channels).toBe(3);
    expect(Buffer.compare(colorPixels.data, Buffer.from(frame!.pixels))).toBe(0);
    const shadows = await encodeFrame(frame!, { view: "shadows", encoding: "png" });
    expect((await sharp(shadows.bytes).metadata()).channels).toBe(1);
    // Decoded as stored: sharp would widen a gray PNG to sRGB.
    const shadowPixels = await sharp(shadows.bytes).toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
    expect(shadowPixels.info.channels).toBe(1);
    expect(Buffer.compare(shadowPixels.data, Buffer.from(shadowsFromRgb(frame!.pixels)))).toBe(0);
  });
});
