import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { loadGraphModel, type GraphModel } from "@tensorflow/tfjs-converter";
import { loadLayersModel, type LayersModel } from "@tensorflow/tfjs-layers";
import {
  DIRECTION_COUNT,
  DIRECTION_SAMPLES,
  directionSampleZ,
  latentFromSeed,
  principalDirections,
  readNpy,
  recipeLatent,
  type FrameRecipe,
  type LatentDirection,
} from "@umbra/latent";
import type { Generator, RgbFrame } from "../generator.js";
import { indicesBy } from "../indices-by.js";
import { cachedDirections } from "./directions-cache.js";
import { fileSystemModel } from "./file-io.js";
import { layerWs } from "./layer-ws.js";
import type { LoadingNews } from "./loading-news.js";
import type { ModelManifest } from "./model-manifest.js";

/** One network of a snapshot, whatever format it was saved in: a latent batch in, one named output out. */
interface Network {
  run(input: tf.Tensor2D): Promise<tf.Tensor>;
  dispose(): void;
}

interface LoadedSnapshot {
  generator: Network;
  mapping: Network | null;
  /** Numbers in one w, with a mapping network. */
  wSize: number | null;
  /** Where truncation pulls latents: mean w with a mapping network, else mean z. */
  meanLatent: tf.Tensor2D;
}

/** Snapshots kept loaded per model: switching back and forth between two costs nothing. */
const LOADED_SNAPSHOTS = 2;
/** z samples averaged for mean w when a snapshot ships no meanLatent. */
const MEAN_SAMPLES = 1024;
/** z mapped at once when sampling w for directions: bounds the batch a mapping network is given. */
const MAPPING_BATCH = 512;

async function loadNetwork(manifest: ModelManifest, path: string, input: string, output: string, onProgress: (fraction: number) => void): Promise<Network> {
  const handler = fileSystemModel(path, onProgress);
  if (manifest.format === "layers") {
    const model: LayersModel = await loadLayersModel(handler);
    const outputIndex = model.outputNames.indexOf(output);
    if (!model.inputNames.includes(input)) throw new Error(`${path} has inputs ${model.inputNames.join(", ")}; the manifest names "${input}"`);
    if (outputIndex < 0) throw new Error(`${path} has outputs ${model.outputNames.join(", ")}; the manifest names "${output}"`);
    return {
      run: async (x) => {
        const result = model.predict(x);
        if (!Array.isArray(result)) return result;
        for (const [i, t] of result.entries()) if (i !== outputIndex) t.dispose();
        return result[outputIndex]!;
      },
      dispose: () => model.dispose(),
    };
  }
  const model: GraphModel = await loadGraphModel(handler);
  const inputs = model.inputs.map((i) => i.name);
  if (!inputs.includes(input)) throw new Error(`${path} has inputs ${inputs.join(", ")}; the manifest names "${input}"`);
  return { run: async (x) => (await model.executeAsync({ [input]: x }, output)) as tf.Tensor, dispose: () => model.dispose() };
}

async function readMeanLatent(path: string, size: number): Promise<tf.Tensor2D> {
  const npy = readNpy(new Uint8Array(await readFile(path)));
  if (npy.data.length !== size) throw new Error(`${path} holds ${npy.data.length} numbers; the latent it is the mean of has ${size}`);
  return tf.tensor2d(Float32Array.from(npy.data), [1, size]);
}

/**
 * A team's own generator from the models folder: a TensorFlow.js LayersModel or
 * GraphModel per snapshot, described by umbra-model.json. Snapshots load on first
 * use, from disk, without tfjs-node. Truncation pulls toward the mean w when the
 * model has a mapping network, else toward the mean z.
 */
export class UserModelGenerator implements Generator {
  readonly id: string;
  readonly latentSize: number;
  readonly snapshots: readonly string[];
  /** Loads in progress or done, most recently used last. */
  private readonly loaded = new Map<string, Promise<LoadedSnapshot>>();
  /** Known once a snapshot with a mapping network has loaded (the worker warms one up before it says hello). */
  private probedWSize: number | undefined;

  /** `directionsDir`: where found directions are kept (by a hash of the sampled w); none keeps them in memory only. */
  constructor(
    private readonly folder: string,
    private readonly manifest: ModelManifest,
    private readonly log: (line: string) => void,
    private readonly news: LoadingNews,
    private readonly directionsDir?: string,
  ) {
    this.id = manifest.id;
    this.latentSize = manifest.latentSize;
    this.snapshots = manifest.snapshots.map((s) => s.name);
  }

  get wSize(): number | undefined {
    return this.probedWSize;
  }

  async mapLatents(recipes: readonly FrameRecipe[]): Promise<Float32Array[]> {
    const snapshot = await this.snapshot(recipes[0]!.snapshot);
    if (!snapshot.mapping || snapshot.wSize === null) throw new Error(`the model ${this.id} has no mapping network, so its frames have no w`);
    const w = await this.truncatedLatent(snapshot, recipes);
    const values = (await w.data()) as Float32Array;
    w.dispose();
    const size = snapshot.wSize;
    return recipes.map((_, i) => values.slice(i * size, (i + 1) * size));
  }

  /**
   * GANSpace directions of a snapshot with a mapping network. The sampled w are hashed
   * for the cache's key: they change exactly when the mapping network's weights do.
   */
  async latentDirections(name: string): Promise<LatentDirection[]> {
    const snapshot = await this.snapshot(name);
    const { mapping, wSize } = snapshot;
    if (!mapping || wSize === null) throw new Error(`the model ${this.id} has no mapping network, so it offers no directions in w`);
    const z = directionSampleZ(this.latentSize);
    const w = new Float32Array(DIRECTION_SAMPLES * wSize);
    for (let at = 0; at < DIRECTION_SAMPLES; at += MAPPING_BATCH) {
      const count = Math.min(MAPPING_BATCH, DIRECTION_SAMPLES - at);
      w.set(await mappedRows(mapping, z.subarray(at * this.latentSize, (at + count) * this.latentSize), count, this.latentSize), at * wSize);
    }
    const key = createHash("sha256").update(new Uint8Array(w.buffer)).digest("hex");
    return cachedDirections(this.directionsDir, key, async () => principalDirections(w, wSize, DIRECTION_COUNT));
  }

  async render(recipes: readonly FrameRecipe[]): Promise<RgbFrame[]> {
    const frames = new Array<RgbFrame>(recipes.length);
    for (const indices of indicesBy(recipes, (r) => `${r.snapshot}:${r.width}x${r.height}`).values()) {
      const group = indices.map((i) => recipes[i]!);
      const rendered = await this.renderGroup(await this.snapshot(group[0]!.snapshot), group);
      indices.forEach((index, k) => (frames[index] = rendered[k]!));
    }
    return frames;
  }

  private snapshot(name: string): Promise<LoadedSnapshot> {
    const entry = this.manifest.snapshots.find((s) => s.name === name);
    if (!entry) throw new RangeError(`model ${this.id} has no snapshot "${name}" (it has ${this.snapshots.join(", ")})`);
    let loading = this.loaded.get(name);
    if (loading) {
      this.loaded.delete(name);
    } else {
      loading = this.load(entry);
      // A failed load is not kept: the next request tries again (the file may be fixed by then).
      loading.catch(() => this.loaded.delete(name));
      for (const [oldName, old] of this.loaded) {
        if (this.loaded.size < LOADED_SNAPSHOTS) break;
        this.loaded.delete(oldName);
        void old.then(disposeSnapshot, () => {});
      }
    }
    this.loaded.set(name, loading);
    return loading;
  }

  /** Loads a snapshot, telling the hub how far it got (the studio shows it) and when it is done. */
  private async load(entry: ModelManifest["snapshots"][number]): Promise<LoadedSnapshot> {
    const where = { model: this.id, snapshot: entry.name };
    this.news.emit({ ...where, progress: 0 });
    try {
      const loaded = await this.loadFiles(entry, (progress) => this.news.emit({ ...where, progress }));
      return loaded;
    } finally {
      this.news.emit({ ...where, done: true });
    }
  }

  private async loadFiles(entry: ModelManifest["snapshots"][number], onProgress: (fraction: number) => void): Promise<LoadedSnapshot> {
    const started = performance.now();
    const { manifest } = this;
    // The generator holds nearly all the weights; the mapping network the rest.
    const generatorShare = entry.mapping ? 0.9 : 1;
    const generator = await loadNetwork(manifest, join(this.folder, entry.generator), manifest.input, manifest.output, (f) => onProgress(f * generatorShare));
    const mapping =
      manifest.mapping && entry.mapping
        ? await loadNetwork(manifest, join(this.folder, entry.mapping), manifest.mapping.input, manifest.mapping.output, (f) => onProgress(generatorShare + f * (1 - generatorShare)))
        : null;
    let meanLatent: tf.Tensor2D;
    let wSize: number | null = null;
    if (mapping) {
      wSize = await probeSize(mapping, this.latentSize);
      this.probedWSize = wSize;
      meanLatent = entry.meanLatent ? await readMeanLatent(join(this.folder, entry.meanLatent), wSize) : await sampleMeanW(mapping, this.latentSize);
    } else {
      meanLatent = entry.meanLatent ? await readMeanLatent(join(this.folder, entry.meanLatent), this.latentSize) : tf.zeros([1, this.latentSize]);
    }
    this.log(`model ${this.id}: snapshot ${entry.name} loaded in ${Math.round(performance.now() - started)} ms`);
    return { generator, mapping, wSize, meanLatent };
  }

  private async renderGroup(snapshot: LoadedSnapshot, recipes: FrameRecipe[]): Promise<RgbFrame[]> {
    const { width, height } = recipes[0]!;
    // Every tensor made here is disposed, also when the model throws (a shape it does not take).
    const made: tf.Tensor[] = [];
    const keep = <T extends tf.Tensor>(t: T) => (made.push(t), t);
    let values: Int32Array | Float32Array | Uint8Array;
    try {
      const truncated = keep(await this.truncatedLatent(snapshot, recipes));
      const image = keep(await snapshot.generator.run(truncated));
      values = await keep(tf.tidy(() => toRgbBytes(image, this.manifest, width, height))).data();
    } finally {
      tf.dispose(made);
    }
    const perFrame = width * height * 3;
    return recipes.map((_, i) => ({ width, height, pixels: Uint8Array.from(values.subarray(i * perFrame, (i + 1) * perFrame)) }));
  }

  /**
   * The generator's input for these recipes: w with a mapping network (else z), pulled
   * toward the mean by each recipe's ψ. With a mapping network, w latents skip it; the
   * model takes one w, so style mixes are refused. The caller disposes it.
   */
  private async truncatedLatent(snapshot: LoadedSnapshot, recipes: readonly FrameRecipe[]): Promise<tf.Tensor2D> {
    const batch = recipes.length;
    const { mapping, wSize } = snapshot;
    let values: Float32Array;
    if (mapping && wSize !== null) {
      const mixedLayers = () => {
        throw new RangeError(`style mixing needs a model with per-layer styles; ${this.id} takes one w`);
      };
      values = await layerWs({ zSize: this.latentSize, wSize, layers: 1, mixedLayers, mapZ: (z, count) => mappedRows(mapping, z, count, this.latentSize) }, recipes);
    } else {
      values = new Float32Array(batch * this.latentSize);
      recipes.forEach((r, i) => values.set(recipeLatent(r, this.latentSize), i * this.latentSize));
    }
    const psi = recipes.map((r) => r.truncation);
    return tf.tidy(() => {
      const latent = tf.tensor2d(values, [batch, values.length / batch]);
      return tf.add(snapshot.meanLatent, tf.mul(tf.sub(latent, snapshot.meanLatent), tf.tensor2d(psi, [batch, 1]))) as tf.Tensor2D;
    });
  }
}

/** The mapping network on `count` rows of z, as rows of untruncated w. */
async function mappedRows(mapping: Network, z: Float32Array, count: number, latentSize: number): Promise<Float32Array> {
  const input = tf.tensor2d(z, [count, latentSize]);
  try {
    const w = await mapping.run(input);
    const values = (await w.data()) as Float32Array;
    w.dispose();
    return values;
  } finally {
    input.dispose();
  }
}

/** The generator's output → [batch, height, width, 3] of 0..255, resized to the frame size. */
function toRgbBytes(image: tf.Tensor, manifest: ModelManifest, width: number, height: number): tf.Tensor {
  if (image.rank !== 4) throw new Error(`model ${manifest.id} gave a rank-${image.rank} output; an image batch is rank 4 (${manifest.layout})`);
  let nhwc = (manifest.layout === "NCHW" ? tf.transpose(image, [0, 2, 3, 1]) : image) as tf.Tensor4D;
  const channels = nhwc.shape[3];
  if (channels === 1) nhwc = tf.tile(nhwc, [1, 1, 1, 3]);
  else if (channels === 4) nhwc = tf.slice(nhwc, [0, 0, 0, 0], [-1, -1, -1, 3]);
  else if (channels !== 3) throw new Error(`model ${manifest.id} gave ${channels} channels with layout ${manifest.layout}; expected 1, 3 or 4`);
  if (nhwc.shape[1] !== height || nhwc.shape[2] !== width) nhwc = tf.image.resizeBilinear(nhwc, [height, width], false, true);
  const [low, high] = manifest.range;
  return tf.cast(tf.round(tf.clipByValue(tf.mul(tf.sub(nhwc, low), 255 / (high - low)), 0, 255)), "int32");
}

async function probeSize(mapping: Network, latentSize: number): Promise<number> {
  const probe = tf.zeros([1, latentSize]) as tf.Tensor2D;
  const w = await mapping.run(probe);
  const size = w.shape.at(-1)!;
  tf.dispose([probe, w]);
  return size;
}

/** Mean w over a fixed set of seeded z, for snapshots that ship no meanLatent. */
async function sampleMeanW(mapping: Network, latentSize: number): Promise<tf.Tensor2D> {
  const z = new Float32Array(MEAN_SAMPLES * latentSize);
  for (let i = 0; i < MEAN_SAMPLES; i++) z.set(latentFromSeed(i, latentSize), i * latentSize);
  const zTensor = tf.tensor2d(z, [MEAN_SAMPLES, latentSize]);
  const w = await mapping.run(zTensor);
  const mean = tf.mean(w, 0, true) as tf.Tensor2D;
  tf.dispose([zTensor, w]);
  return mean;
}

function disposeSnapshot(snapshot: LoadedSnapshot): void {
  snapshot.generator.dispose();
  snapshot.mapping?.dispose();
  snapshot.meanLatent.dispose();
}
