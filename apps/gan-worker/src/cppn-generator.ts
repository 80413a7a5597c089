import * as tf from "@tensorflow/tfjs-core";
import { SeededRandom, recipeLatent, type FrameRecipe } from "@umbra/latent";
import type { Generator, RgbFrame } from "./generator.js";

/**
 * The built-in generator: StyleGAN-shaped, with fixed seeded weights, so Umbra renders
 * with no downloaded checkpoint.
 *
 * - A mapping network turns z (512 standard normals) into w (256).
 * - The synthesis network is a coordinate network (CPPN): each pixel's input is a set
 *   of multi-scale Fourier features of its position, plus one channel of seeded noise.
 * - Every synthesis layer's weights are modulated by an affine style of w and then
 *   demodulated, as in StyleGAN2. Because sin(f·p + φ) is a linear mix of the sin and
 *   cos features, modulation also shifts phases: w moves and warps the pattern.
 *
 * Only matrix products with fused bias and sigmoid run per pixel. Transcendental
 * kernels (sin, tanh) cost 5–8× a whole layer on the wasm backend, so periodic
 * structure lives in the input features, which are computed once per frame size.
 */

const Z_SIZE = 512;
const W_SIZE = 256;
const MAPPING_LAYERS = 4;
const HIDDEN = 32;
const FREQUENCIES = 24;
/** Fourier sin+cos, x, y, radius, noise. */
const FEATURES = 2 * FREQUENCIES + 4;
const MEAN_W_SAMPLES = 2048;
const LOWEST_FREQUENCY = 0.3;
const HIGHEST_FREQUENCY = 4;
const NOISE_AMPLITUDE = 0.15;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

interface SynthesisLayer {
  weight: tf.Tensor2D; // [in, out]
  styleWeight: tf.Tensor2D; // [W_SIZE, in]: w → per-input-channel scale
  biasWeight: tf.Tensor2D; // [W_SIZE, out]: w → per-output bias
  bias: tf.Tensor1D; // [out]
  /** Output gain per output channel after demodulation: the contrast of its sigmoid. */
  gain: tf.Tensor2D; // [1, out]
}

interface Snapshot {
  mapping: { weight: tf.Tensor2D; bias: tf.Tensor1D }[];
  synthesis: SynthesisLayer[];
  frequencies: Float32Array; // [FREQUENCIES, 3]: cycles per unit in x and y, amplitude
  meanW: tf.Tensor2D; // [1, W_SIZE]
}

function normalTensor(random: SeededRandom, shape: [number, number], scale: number): tf.Tensor2D {
  const values = new Float32Array(shape[0] * shape[1]);
  for (let i = 0; i < values.length; i++) values[i] = random.normal() * scale;
  return tf.tensor2d(values, shape);
}

function buildSnapshot(seed: number): Snapshot {
  const random = new SeededRandom(seed);
  const mapping = Array.from({ length: MAPPING_LAYERS }, (_, i) => {
    const fanIn = i === 0 ? Z_SIZE : W_SIZE;
    return { weight: normalTensor(random, [fanIn, W_SIZE], Math.SQRT2 / Math.sqrt(fanIn)), bias: tf.zeros([W_SIZE]) as tf.Tensor1D };
  });
  // Log-uniform spatial frequencies from 0.3 to 4 cycles across the frame in random
  // directions, with a 1/f amplitude so large forms dominate and fine ones add detail.
  const frequencies = new Float32Array(FREQUENCIES * 3);
  const directionOffset = random.uniform() * 2 * Math.PI;
  for (let k = 0; k < FREQUENCIES; k++) {
    const magnitude = LOWEST_FREQUENCY * Math.pow(HIGHEST_FREQUENCY / LOWEST_FREQUENCY, k / (FREQUENCIES - 1));
    // Golden-angle directions cover the circle evenly: no streaks along one axis.
    const angle = directionOffset + k * GOLDEN_ANGLE;
    frequencies[3 * k] = magnitude * Math.cos(angle);
    frequencies[3 * k + 1] = magnitude * Math.sin(angle);
    frequencies[3 * k + 2] = 2 * Math.pow(LOWEST_FREQUENCY / magnitude, 0.7);
  }
  // The last layer writes luminance and two chroma channels: strong contrast in light
  // and dark, moderate colour, instead of three clipped primaries.
  // Its latent bias is smaller so w shifts hue and key without flattening the frame.
  const sizes: [number, number, number[], number][] = [
    [FEATURES, HIDDEN, [5], 2],
    [HIDDEN, HIDDEN, [6], 2],
    [HIDDEN, HIDDEN, [6], 2],
    [HIDDEN, 3, [5, 2, 2], 0.8],
  ];
  const synthesis = sizes.map(([fanIn, fanOut, gain, latentBias]) => ({
    weight: normalTensor(random, [fanIn, fanOut], 1),
    styleWeight: normalTensor(random, [W_SIZE, fanIn], 1.5 / Math.sqrt(W_SIZE)),
    biasWeight: normalTensor(random, [W_SIZE, fanOut], latentBias / Math.sqrt(W_SIZE)),
    bias: tf.tensor1d(Array.from({ length: fanOut }, () => random.normal() * 0.2)),
    gain: tf.tensor2d(gain, [1, gain.length]),
  }));
  // The mean w, for truncation, over a fixed set of seeded z.
  const meanW = tf.tidy(() => tf.mean(mapZ(mapping, normalTensor(new SeededRandom(seed ^ 0x5eed), [MEAN_W_SAMPLES, Z_SIZE], 1)), 0, true) as tf.Tensor2D);
  return { mapping, synthesis, frequencies, meanW };
}

function mapZ(mapping: Snapshot["mapping"], z: tf.Tensor2D): tf.Tensor2D {
  // Pixel norm, then leaky-ReLU fully connected layers.
  let x: tf.Tensor2D = tf.div(z, tf.sqrt(tf.add(tf.mean(tf.square(z), 1, true), 1e-8)));
  for (const layer of mapping) x = tf.fused.matMul({ a: x, b: layer.weight, bias: layer.bias, activation: "leakyrelu", leakyreluAlpha: 0.2 }) as tf.Tensor2D;
  return x;
}

/** Per-pixel input features for a frame size and noise seed: [height*width, FEATURES]. */
function pixelFeatures(snapshot: Snapshot, width: number, height: number, noiseSeed: number): tf.Tensor2D {
  const values = new Float32Array(width * height * FEATURES);
  const noise = new SeededRandom(noiseSeed);
  const aspect = width / height;
  let i = 0;
  for (let row = 0; row < height; row++) {
    const y = ((row + 0.5) / height) * 2 - 1;
    for (let col = 0; col < width; col++) {
      const x = (((col + 0.5) / width) * 2 - 1) * aspect;
      for (let k = 0; k < FREQUENCIES; k++) {
        const phase = 2 * Math.PI * (snapshot.frequencies[3 * k]! * x + snapshot.frequencies[3 * k + 1]! * y);
        const amplitude = snapshot.frequencies[3 * k + 2]!;
        values[i++] = amplitude * Math.sin(phase);
        values[i++] = amplitude * Math.cos(phase);
      }
      values[i++] = 1.5 * x;
      values[i++] = 1.5 * y;
      values[i++] = 2 * Math.sqrt(x * x + y * y) - 1;
      values[i++] = NOISE_AMPLITUDE * (noise.uniform() * 2 - 1);
    }
  }
  return tf.tensor2d(values, [width * height, FEATURES]);
}

const CHROMA_SCALE = 0.5;
/** Luma is kept off pure black and white so highlights and shadows keep some colour. */
const LUMA_FLOOR = 0.04;
const LUMA_RANGE = 0.92;

/** Sigmoid outputs (luma, chroma b, chroma r) per pixel → 8-bit RGB (BT.601 matrix). */
function lumaChromaToRgb(values: Float32Array): Uint8Array {
  const pixels = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i += 3) {
    const y = LUMA_FLOOR + LUMA_RANGE * values[i]!;
    const cb = (values[i + 1]! - 0.5) * CHROMA_SCALE;
    const cr = (values[i + 2]! - 0.5) * CHROMA_SCALE;
    // Uint8Array clamps on store after rounding toward zero; add 0.5 to round.
    pixels[i] = Math.min(255, Math.max(0, (y + 1.402 * cr) * 255 + 0.5));
    pixels[i + 1] = Math.min(255, Math.max(0, (y - 0.344136 * cb - 0.714136 * cr) * 255 + 0.5));
    pixels[i + 2] = Math.min(255, Math.max(0, (y + 1.772 * cb) * 255 + 0.5));
  }
  return pixels;
}

/** Built-in snapshots: checkpoints of the same architecture, as in Marrow's picker. */
const SNAPSHOT_SEEDS: Record<string, number> = { default: 1, "alt-a": 2, "alt-b": 3 };

export class CppnGenerator implements Generator {
  readonly id = "builtin/cppn";
  readonly latentSize = Z_SIZE;
  readonly snapshots = Object.keys(SNAPSHOT_SEEDS);
  private readonly loaded = new Map<string, Snapshot>();
  /** Feature grids by snapshot, size and noise seed; a room usually needs one. */
  private readonly features = new Map<string, tf.Tensor2D>();
  private static readonly MAX_FEATURE_GRIDS = 4;

  private snapshot(name: string): Snapshot {
    const seed = SNAPSHOT_SEEDS[name];
    if (seed === undefined) throw new RangeError(`model ${this.id} has no snapshot "${name}" (it has ${this.snapshots.join(", ")})`);
    let snapshot = this.loaded.get(name);
    if (!snapshot) {
      snapshot = buildSnapshot(seed);
      this.loaded.set(name, snapshot);
    }
    return snapshot;
  }

  private featureGrid(snapshotName: string, snapshot: Snapshot, width: number, height: number, noiseSeed: number): tf.Tensor2D {
    const key = `${snapshotName}:${width}x${height}:${noiseSeed}`;
    let grid = this.features.get(key);
    if (grid) {
      // Refresh its place: Map keeps insertion order, the oldest is evicted first.
      this.features.delete(key);
    } else {
      grid = pixelFeatures(snapshot, width, height, noiseSeed);
      if (this.features.size >= CppnGenerator.MAX_FEATURE_GRIDS) {
        const [oldestKey, oldest] = this.features.entries().next().value as [string, tf.Tensor2D];
        oldest.dispose();
        this.features.delete(oldestKey);
      }
    }
    this.features.set(key, grid);
    return grid;
  }

  /**
   * One frame after another. Measured on wasm at 256×256: batched products (one
   * [frames, pixels, channels] pass per layer) cost 4.6× as much per frame as single
   * ones, and a shared first layer with per-frame later layers 1.2× (batch 2) to 3.7×
   * (batch 16), so a batch here saves the hub round trips, not arithmetic.
   */
  async render(recipes: readonly FrameRecipe[]): Promise<RgbFrame[]> {
    const frames: RgbFrame[] = [];
    for (const recipe of recipes) {
      frames.push(await this.renderOne(recipe));
      // wasm work never yields by itself: let a preview that arrived meanwhile start
      // between frames instead of after the whole batch.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return frames;
  }

  private async renderOne(recipe: FrameRecipe): Promise<RgbFrame> {
    const snapshot = this.snapshot(recipe.snapshot);
    const grid = this.featureGrid(recipe.snapshot, snapshot, recipe.width, recipe.height, recipe.noiseSeed);
    const z = recipeLatent(recipe, Z_SIZE);
    const rgb = tf.tidy(() => {
      const w = mapZ(snapshot.mapping, tf.tensor2d(z, [1, Z_SIZE]));
      const truncated: tf.Tensor2D = tf.add(snapshot.meanW, tf.mul(tf.sub(w, snapshot.meanW), recipe.truncation));
      let h: tf.Tensor2D = grid;
      for (const layer of snapshot.synthesis) {
        const style = tf.reshape(tf.add(tf.matMul(truncated, layer.styleWeight), 1), [-1, 1]);
        const modulated = tf.mul(layer.weight, style);
        const demodulated: tf.Tensor2D = tf.mul(tf.div(modulated, tf.sqrt(tf.add(tf.sum(tf.square(modulated), 0, true), 1e-8))), layer.gain);
        let bias: tf.Tensor1D = tf.add(tf.reshape(tf.matMul(truncated, layer.biasWeight), [-1]), layer.bias);
        // Hidden inputs are sigmoids, centred on 0.5: removing 0.5·Σw here makes each
        // layer see a zero-centred (tanh-shaped) signal without a per-pixel pass.
        if (h !== grid) bias = tf.sub(bias, tf.mul(tf.sum(demodulated, 0), 0.5));
        h = tf.fused.matMul({ a: h, b: demodulated, bias, activation: "sigmoid" }) as tf.Tensor2D;
      }
      return h;
    });
    const values = (await rgb.data()) as Float32Array;
    rgb.dispose();
    return { width: recipe.width, height: recipe.height, pixels: lumaChromaToRgb(values) };
  }

  flopsPerFrame(width: number, height: number): number {
    const perPixel = FEATURES * HIDDEN + HIDDEN * HIDDEN * 2 + HIDDEN * 3;
    return 2 * perPixel * width * height;
  }
}
