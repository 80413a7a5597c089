import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { encodeLatentBase64, readNpy, seedFrameRecipe, type FrameRecipe } from "@umbra/latent";
import { chooseBackend } from "../backend.js";
import { PORTRAITS_FOLDER, halfToFloat } from "./portraits-weights.js";
import { PortraitsGenerator } from "./portraits-generator.js";

const MODEL = "builtin/portraits";
const at64 = (seed: number, overrides: Partial<FrameRecipe> = {}) => seedFrameRecipe(MODEL, seed, { width: 64, height: 64, ...overrides });

function luminance(pixels: Uint8Array): Float64Array {
  const out = new Float64Array(pixels.length / 3);
  for (let i = 0; i < out.length; i++) out[i] = 0.299 * pixels[3 * i]! + 0.587 * pixels[3 * i + 1]! + 0.114 * pixels[3 * i + 2]!;
  return out;
}
const meanAbsDiff = (a: Uint8Array, b: Uint8Array) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]!), 0) / a.length;

describe("the portraits model", () => {
  let generator: PortraitsGenerator;
  beforeAll(async () => {
    await chooseBackend("wasm", () => {});
    generator = await PortraitsGenerator.load();
  });

  it("reads float16 as numpy writes it", () => {
    expect([0x3c00, 0xc000, 0x0000, 0x7bff, 0x0001, 0x3555].map(halfToFloat)).toEqual([1, -2, 0, 65504, 2 ** -24, 0.333251953125]);
  });

  it("matches PyTorch on four fixed latents within 5e-3 (the float16 weights of default)", async () => {
    const z = readNpy(new Uint8Array(await readFile(`${PORTRAITS_FOLDER}parity-z.npy`)));
    const expected = readNpy(new Uint8Array(await readFile(`${PORTRAITS_FOLDER}parity.npy`)));
    const size = z.shape[1]!;
    const recipes = Array.from({ length: z.shape[0]! }, (_, i) => {
      const vector = { vector: encodeLatentBase64(Float32Array.from(z.data.slice(i * size, (i + 1) * size))) };
      return at64(0, { from: vector, to: vector, truncation: 1 });
    });
    const actual = await generator.forwardRaw(recipes);
    expect(actual.length).toBe(expected.data.length);
    let worst = 0;
    for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - Number(expected.data[i])));
    expect(worst).toBeLessThan(5e-3);
  });

  it("renders the same recipe to the same pixels, alone or in a batch, and at the size asked", async () => {
    const [alone] = await generator.render([at64(5)]);
    const batch = await generator.render([at64(4), at64(5), at64(6)]);
    expect(Buffer.from(batch[1]!.pixels).equals(Buffer.from(alone!.pixels))).toBe(true);
    const [big] = await generator.render([seedFrameRecipe(MODEL, 5)]);
    expect([big!.width, big!.height, big!.pixels.length]).toEqual([256, 256, 256 * 256 * 3]);
  });

  it("gives 40 seeds contrast and variety, none collapsed onto another", async () => {
    const frames = await generator.render(Array.from({ length: 40 }, (_, seed) => at64(seed)));
    // Luminance spread of the training portraits: 15 at the 1st percentile, 46 at the median.
    const spreads = frames.map((frame) => {
      const y = luminance(frame.pixels);
      const mean = y.reduce((a, b) => a + b, 0) / y.length;
      return Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / y.length);
    });
    expect(Math.min(...spreads)).toBeGreaterThan(10);
    expect(spreads.sort((a, b) => a - b)[20]).toBeGreaterThan(25);
    const distances: number[] = [];
    for (let i = 0; i < frames.length; i++) for (let j = i + 1; j < frames.length; j++) distances.push(meanAbsDiff(frames[i]!.pixels, frames[j]!.pixels));
    expect(Math.min(...distances)).toBeGreaterThan(4);
  });

  it("moves between seeds without jumps: over 20 pairs in 16 steps, the median pair's largest step is under 0.4 of the whole way, and none over 3/4", async () => {
    // The portraits have categorical parts (a shirt's colour, a hairstyle), and a model that
    // covers them switches each within a step or two: about half the pairs have one step
    // above a third of the way. A broken interpolation (a cut halfway) or a collapsed model
    // jumps the whole way at once.
    const largestSteps: number[] = [];
    for (let pair = 0; pair < 20; pair++) {
      const from = 11 + 2 * pair;
      const frames = await generator.render(Array.from({ length: 17 }, (_, i) => at64(from, { to: { seed: from + 1 }, t: i / 16 })));
      const whole = meanAbsDiff(frames[0]!.pixels, frames[16]!.pixels);
      largestSteps.push(Math.max(...frames.slice(1).map((frame, i) => meanAbsDiff(frames[i]!.pixels, frame.pixels))) / whole);
    }
    largestSteps.sort((x, y) => x - y);
    expect(largestSteps[10]).toBeLessThan(0.4);
    expect(largestSteps[19]).toBeLessThan(0.75);
  });

  it("lists its training checkpoints as snapshots, default first, and refuses others", async () => {
    expect(generator.snapshots[0]).toBe("default");
    expect(generator.snapshots.length).toBeGreaterThan(1);
    await expect(generator.render([at64(1, { snapshot: "nope" })])).rejects.toThrow(/no snapshot "nope"/);
  });
});
