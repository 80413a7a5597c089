import * as tf from "@tensorflow/tfjs-core";
import sharp from "sharp";
import { DIRECTION_COUNT, DIRECTION_SAMPLES, directionSampleZ, principalDirections, styleLayerIndices, type FrameRecipe, type LatentDirection } from "@umbra/latent";
import type { Generator, RgbFrame } from "../generator.js";
import { indicesBy } from "../indices-by.js";
import { cachedDirections } from "./directions-cache.js";
import { layerWs } from "./layer-ws.js";
import { PORTRAITS_FOLDER, readPortraitsManifest, readPortraitsSnapshot, type PortraitsManifest } from "./portraits-weights.js";

/** One modulated convolution: filter as TF.js wants it [kh, kw, in, out], style affine, bias, and Σ over the kernel of w² for demodulation. */
interface ModulatedLayer {
  filter: tf.Tensor4D;
  affineWeight: tf.Tensor2D;
  affineBias: tf.Tensor1D;
  bias: tf.Tensor1D;
  /** [in, out]: Σ_k weight², so demodulation is rsqrt(s² · this). Null for toRGB, which is not demodulated. */
  squaredSum: tf.Tensor2D | null;
}

interface Snapshot {
  mapping: { weight: tf.Tensor2D; bias: tf.Tensor1D }[];
  constInput: tf.Tensor4D;
  convs: ModulatedLayer[];
  toRgb: ModulatedLayer;
  wAvg: tf.Tensor2D;
}

const LEAK = 0.2;

/**
 * Umbra's default model: a small StyleGAN of cartoon portraits trained here on CPU
 * (tools/train-default-model), its training checkpoints as snapshots. A hand-written
 * TF.js forward pass of train.py's network, batched: mapping z → w, truncation in w
 * toward the mean w, a learned 4×4 constant through modulated, demodulated 3×3
 * convolutions (nearest-neighbour doubling at each new resolution), toRGB and tanh.
 * w enters only through each layer's modulation, so layers can take their w from
 * different latents (style mixing), and w latents skip the mapping network.
 * It renders 64², and frames are scaled to their size with Lanczos.
 */
export class PortraitsGenerator implements Generator {
  readonly id = "builtin/portraits";
  readonly latentSize: number;
  readonly wSize: number;
  readonly snapshots: readonly string[];
  /** Each modulated layer's resolution: the convolutions (one at 4², two at each doubling), then toRGB. */
  readonly styleLayers: readonly number[];
  readonly styleGroups: PortraitsManifest["styleGroups"];
  private readonly loaded = new Map<string, Promise<Snapshot>>();
  private readonly directions = new Map<string, Promise<LatentDirection[]>>();

  private constructor(
    private readonly manifest: PortraitsManifest,
    private readonly folder: string,
    private readonly directionsDir: string | undefined,
  ) {
    this.latentSize = manifest.zSize;
    this.wSize = manifest.wSize;
    this.snapshots = manifest.snapshots.map((s) => s.name);
    const convs = Array.from({ length: manifest.numWs - 1 }, (_, i) => 4 * 2 ** Math.ceil(i / 2));
    this.styleLayers = [...convs, manifest.resolution];
    this.styleGroups = manifest.styleGroups;
  }

  /** `directionsDir`: where found directions are kept, by the snapshot's weights hash; none keeps them in memory only. */
  static async load(folder = PORTRAITS_FOLDER, directionsDir?: string): Promise<PortraitsGenerator> {
    return new PortraitsGenerator(await readPortraitsManifest(folder), folder, directionsDir);
  }

  async render(recipes: readonly FrameRecipe[]): Promise<RgbFrame[]> {
    const frames = new Array<RgbFrame>(recipes.length);
    for (const indices of indicesBy(recipes, (r) => r.snapshot).values()) {
      const group = indices.map((i) => recipes[i]!);
      const images = await this.forward(await this.snapshot(group[0]!.snapshot), group);
      const rendered = await Promise.all(group.map((recipe, k) => this.scaled(images, k, recipe)));
      indices.forEach((index, k) => (frames[index] = rendered[k]!));
    }
    return frames;
  }

  /** The network's [batch, 64, 64, 3] output in -1..1 for these recipes (ψ and latents from each). */
  async forwardRaw(recipes: readonly FrameRecipe[]): Promise<Float32Array> {
    const snapshot = await this.snapshot(recipes[0]!.snapshot);
    const out = this.forwardTensor(snapshot, await this.truncatedLayerWs(snapshot, recipes));
    const values = (await out.data()) as Float32Array;
    out.dispose();
    return values;
  }

  flopsPerFrame(): number {
    const { channels, resolution } = this.manifest;
    let flops = 0;
    for (let res = 4, cin = channels["4"]!; res <= resolution; res *= 2) {
      const cout = channels[String(res)]!;
      // Two 3×3 convolutions per resolution (one at 4²), then toRGB at the top.
      flops += 2 * 9 * res * res * (cin * cout + (res === 4 ? 0 : cout * cout));
      cin = cout;
    }
    return flops + 2 * resolution * resolution * channels[String(resolution)]! * 3;
  }

  private snapshot(name: string): Promise<Snapshot> {
    let loading = this.loaded.get(name);
    if (!loading) {
      loading = readPortraitsSnapshot(this.folder, this.manifest, name).then(toSnapshot);
      loading.catch(() => this.loaded.delete(name));
      this.loaded.set(name, loading);
    }
    return loading;
  }

  private async forward(snapshot: Snapshot, recipes: readonly FrameRecipe[]): Promise<Uint8Array> {
    const out = this.forwardTensor(snapshot, await this.truncatedLayerWs(snapshot, recipes));
    const bytes = tf.tidy(() => tf.cast(tf.clipByValue(tf.round(tf.mul(tf.add(out, 1), 127.5)), 0, 255), "int32"));
    out.dispose();
    const values = Uint8Array.from((await bytes.data()) as Int32Array);
    bytes.dispose();
    return values;
  }

  async mapLatents(recipes: readonly FrameRecipe[]): Promise<Float32Array[]> {
    if (recipes.some((r) => r.fromMix || r.toMix)) throw new RangeError("a frame that mixes styles has a w per layer, not one w; clear the mix to export its w");
    const layers = await this.truncatedLayerWs(await this.snapshot(recipes[0]!.snapshot), recipes);
    const values = (await layers[0]!.data()) as Float32Array;
    layers.forEach((w) => w.dispose());
    return recipes.map((_, i) => values.slice(i * this.wSize, (i + 1) * this.wSize));
  }

  /** The top principal directions of w for a snapshot (GANSpace), found once from seeded z and kept by its weights hash. */
  latentDirections(snapshotName: string): Promise<LatentDirection[]> {
    let finding = this.directions.get(snapshotName);
    if (!finding) {
      const entry = this.manifest.snapshots.find((s) => s.name === snapshotName);
      if (!entry) return Promise.reject(new RangeError(`the portraits model has no snapshot "${snapshotName}"`));
      finding = cachedDirections(this.directionsDir, entry.sha256, async () => {
        const snapshot = await this.snapshot(snapshotName);
        const w = await this.mapZ(snapshot, directionSampleZ(this.manifest.zSize), DIRECTION_SAMPLES);
        return principalDirections(w, this.wSize, DIRECTION_COUNT);
      });
      finding.catch(() => this.directions.delete(snapshotName));
      this.directions.set(snapshotName, finding);
    }
    return finding;
  }

  /** The mapping network on `count` rows of z: pixel-norm, then the layers. Untruncated w rows. */
  private async mapZ(snapshot: Snapshot, z: Float32Array, count: number): Promise<Float32Array> {
    const w = tf.tidy(() => {
      let x: tf.Tensor2D = tf.tensor2d(z, [count, this.manifest.zSize]);
      x = tf.mul(x, tf.rsqrt(tf.add(tf.mean(tf.square(x), 1, true), 1e-8)));
      for (const layer of snapshot.mapping) x = tf.leakyRelu(tf.add(tf.matMul(x, layer.weight, false, true), layer.bias) as tf.Tensor2D, LEAK);
      return x;
    });
    const values = (await w.data()) as Float32Array;
    w.dispose();
    return values;
  }

  /** Each style layer's w for the batch ([batch, wSize] each), pulled toward the mean w by each recipe's ψ. The caller disposes them. */
  private async truncatedLayerWs(snapshot: Snapshot, recipes: readonly FrameRecipe[]): Promise<tf.Tensor2D[]> {
    const { zSize, wSize } = this.manifest;
    const layers = this.styleLayers.length;
    const ws = await layerWs(
      { zSize, wSize, layers, mixedLayers: (mixed) => styleLayerIndices(mixed, this.styleLayers), mapZ: (z, count) => this.mapZ(snapshot, z, count) },
      recipes,
    );
    return tf.tidy(() => {
      const w = tf.tensor3d(ws, [recipes.length, layers, wSize]);
      const psi = tf.tensor3d(recipes.map((r) => r.truncation), [recipes.length, 1, 1]);
      return tf.unstack(tf.add(snapshot.wAvg, tf.mul(tf.sub(w, snapshot.wAvg), psi)), 1) as tf.Tensor2D[];
    });
  }

  /** The synthesis network: layer i modulated by layerWs[i], toRGB by the last. Disposes layerWs. */
  private forwardTensor(snapshot: Snapshot, layerWs: tf.Tensor2D[]): tf.Tensor4D {
    const out = tf.tidy(() => {
      let x: tf.Tensor4D = tf.tile(snapshot.constInput, [layerWs[0]!.shape[0], 1, 1, 1]);
      snapshot.convs.forEach((layer, i) => {
        if (i % 2 === 1) x = tf.image.resizeNearestNeighbor(x, [x.shape[1] * 2, x.shape[2] * 2]);
        x = tf.leakyRelu(modulatedConv(x, layerWs[i]!, layer), LEAK);
      });
      return tf.tanh(modulatedConv(x, layerWs[snapshot.convs.length]!, snapshot.toRgb));
    });
    layerWs.forEach((w) => w.dispose());
    return out;
  }

  /** Frame k of a batch at its recipe's size, scaled from 64² with Lanczos (clean edges, no smear). */
  private async scaled(images: Uint8Array, k: number, recipe: FrameRecipe): Promise<RgbFrame> {
    const res = this.manifest.resolution;
    const native = images.subarray(k * res * res * 3, (k + 1) * res * res * 3);
    if (recipe.width === res && recipe.height === res) return { width: res, height: res, pixels: Uint8Array.from(native) };
    const pixels = await sharp(native, { raw: { width: res, height: res, channels: 3 } })
      .resize(recipe.width, recipe.height, { kernel: "lanczos3", fit: "fill" })
      .raw()
      .toBuffer();
    return { width: recipe.width, height: recipe.height, pixels: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength) };
  }
}

/** Scale the input channels by the style, convolve, then demodulate: StyleGAN2's modulated convolution, batched. */
function modulatedConv(x: tf.Tensor4D, w: tf.Tensor2D, layer: ModulatedLayer): tf.Tensor4D {
  const [batch] = x.shape;
  const style = tf.add(tf.matMul(w, layer.affineWeight, false, true), layer.affineBias);
  let y = tf.conv2d(tf.mul(x, tf.reshape(style, [batch, 1, 1, -1])) as tf.Tensor4D, layer.filter, 1, "same");
  if (layer.squaredSum) {
    const demodulation = tf.rsqrt(tf.add(tf.matMul(tf.square(style), layer.squaredSum), 1e-8));
    y = tf.mul(y, tf.reshape(demodulation, [batch, 1, 1, -1]));
  }
  return tf.add(y, layer.bias);
}

function toSnapshot(tensors: Map<string, { shape: number[]; values: Float32Array }>): Snapshot {
  const get = (name: string) => {
    const t = tensors.get(name);
    if (!t) throw new Error(`the portraits weights lack ${name}`);
    return t;
  };
  const layer = (prefix: string, demodulate: boolean): ModulatedLayer => {
    const { shape, values } = get(`${prefix}.weight`);
    const [cout, cin, kh, kw] = shape as [number, number, number, number];
    const torchWeight = tf.tensor4d(values, [cout, cin, kh, kw]);
    const filter = tf.transpose(torchWeight, [2, 3, 1, 0]) as tf.Tensor4D;
    const squaredSum = demodulate ? (tf.transpose(tf.sum(tf.square(torchWeight), [2, 3])) as tf.Tensor2D) : null;
    torchWeight.dispose();
    const affine = get(`${prefix}.affine.weight`);
    return {
      filter,
      squaredSum,
      affineWeight: tf.tensor2d(affine.values, affine.shape as [number, number]),
      affineBias: tf.tensor1d(get(`${prefix}.affine.bias`).values),
      bias: tf.tensor1d(get(`${prefix}.bias`).values),
    };
  };
  const mapping = [];
  for (let i = 0; tensors.has(`mapping.${i}.weight`); i++) {
    const weight = get(`mapping.${i}.weight`);
    mapping.push({ weight: tf.tensor2d(weight.values, weight.shape as [number, number]), bias: tf.tensor1d(get(`mapping.${i}.bias`).values) });
  }
  const convs = [];
  for (let i = 0; tensors.has(`convs.${i}.weight`); i++) convs.push(layer(`convs.${i}`, true));
  const constant = get("const");
  const [, channels, h, w] = constant.shape as [number, number, number, number];
  const constNchw = tf.tensor4d(constant.values, [1, channels, h, w]);
  const constInput = tf.transpose(constNchw, [0, 2, 3, 1]) as tf.Tensor4D;
  constNchw.dispose();
  return { mapping, constInput, convs, toRgb: layer("to_rgb", false), wAvg: tf.tensor2d(get("w_avg").values, [1, get("w_avg").values.length]) };
}
