// User-model fixtures built in code: TensorFlow.js LayersModels saved to disk, and a
// GraphModel whose model.json is written by hand, each with its umbra-model.json.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { writeNpy } from "@umbra/latent";
import type { ModelManifest } from "@umbra/gan-worker";

export const FIXTURE_LATENT = 8;
/** Native frame size of every fixture. */
export const FIXTURE_SIZE = 16;
const PIXELS = FIXTURE_SIZE * FIXTURE_SIZE * 3;

/** A tfjs save handler writing model.json and one weights.bin into `dir`. */
function saveTo(dir: string): tf.io.IOHandler {
  return {
    save: async (artifacts) => {
      await mkdir(dir, { recursive: true });
      const weights = artifacts.weightData as ArrayBuffer;
      await writeFile(join(dir, "weights.bin"), new Uint8Array(weights));
      const { weightData: _bytes, weightSpecs, ...rest } = artifacts;
      await writeFile(join(dir, "model.json"), JSON.stringify({ ...rest, weightsManifest: [{ paths: ["weights.bin"], weights: weightSpecs }] }));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    },
  };
}

type Manifest = Omit<ModelManifest, "id"> & { id?: string };

async function writeManifest(folder: string, manifest: Manifest): Promise<void> {
  await writeFile(join(folder, "umbra-model.json"), JSON.stringify(manifest, null, 2));
}

/** z (or w) → a 16×16 RGB image in NCHW, tanh, so its range is [-1, 1]; seeded weights per snapshot. */
function synthesis(inputName: string, seed: number): tfl.LayersModel {
  const input = tfl.input({ shape: [FIXTURE_LATENT], name: inputName });
  const dense = tfl.layers.dense({ units: PIXELS, activation: "tanh", kernelInitializer: tfl.initializers.randomNormal({ stddev: 0.6, seed }), name: "pixels" });
  const image = tfl.layers.reshape({ targetShape: [3, FIXTURE_SIZE, FIXTURE_SIZE], name: "image" }).apply(dense.apply(input)) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: image });
}

/** A LayersModel with two snapshots, "early" and "late" (different weights), no mapping network. */
export async function writeLayersFixture(folder: string, manifest: Partial<Manifest> = {}): Promise<void> {
  for (const [name, seed] of [["early", 1], ["late", 2]] as const) await synthesis("z", seed).save(saveTo(join(folder, name)));
  await writeManifest(folder, {
    format: "layers",
    latentSize: FIXTURE_LATENT,
    input: "z",
    output: "image",
    layout: "NCHW",
    range: [-1, 1],
    snapshots: [
      { name: "early", generator: "early/model.json" },
      { name: "late", generator: "late/model.json" },
    ],
    ...manifest,
  });
}

/**
 * A StyleGAN-shaped LayersModel: a mapping network z → w and a synthesis network
 * w → image per snapshot. With `zeroMean`, the snapshot ships a mean w of zeros, so
 * ψ = 0 renders synthesis(0) = tanh(0): mid-gray everywhere.
 */
export async function writeMappingFixture(folder: string, zeroMean: boolean): Promise<void> {
  const z = tfl.input({ shape: [FIXTURE_LATENT], name: "z" });
  const w = tfl.layers.dense({ units: FIXTURE_LATENT, kernelInitializer: tfl.initializers.randomNormal({ seed: 5 }), biasInitializer: tfl.initializers.randomNormal({ seed: 6 }), name: "w" }).apply(z) as tfl.SymbolicTensor;
  await tfl.model({ inputs: z, outputs: w }).save(saveTo(join(folder, "v1", "mapping")));
  await synthesis("w_in", 3).save(saveTo(join(folder, "v1", "synthesis")));
  if (zeroMean) await writeFile(join(folder, "v1", "mean_w.npy"), writeNpy(new Float32Array(FIXTURE_LATENT)));
  await writeManifest(folder, {
    format: "layers",
    latentSize: FIXTURE_LATENT,
    input: "w_in",
    output: "image",
    layout: "NCHW",
    range: [-1, 1],
    mapping: { input: "z", output: "w" },
    snapshots: [{ name: "v1", generator: "v1/synthesis/model.json", mapping: "v1/mapping/model.json", ...(zeroMean ? { meanLatent: "v1/mean_w.npy" } : {}) }],
  });
}

const float = { dtype: { type: "DT_FLOAT" } };
const dims = (...sizes: number[]) => ({ dim: sizes.map((size) => ({ size: String(size) })) });

/**
 * A GraphModel written by hand: image = sigmoid(reshape(z · W, [-1, 16, 16, 3])), NHWC,
 * range [0, 1]. Returns W ([8, 768], row-major) so tests can compute pixels themselves.
 */
export async function writeGraphFixture(folder: string): Promise<Float32Array> {
  const weights = new Float32Array(FIXTURE_LATENT * PIXELS).map((_, i) => Math.sin(i * 12.9898) * 0.8);
  const snapshot = join(folder, "g1");
  await mkdir(snapshot, { recursive: true });
  const shape = new Int32Array([-1, FIXTURE_SIZE, FIXTURE_SIZE, 3]);
  await writeFile(join(snapshot, "weights.bin"), Buffer.concat([Buffer.from(weights.buffer), Buffer.from(shape.buffer)]));
  const node = [
    { name: "z", op: "Placeholder", attr: { ...float, shape: { shape: dims(-1, FIXTURE_LATENT) } } },
    { name: "W", op: "Const", attr: { ...float, value: { tensor: { dtype: "DT_FLOAT", tensorShape: dims(FIXTURE_LATENT, PIXELS) } } } },
    { name: "shape", op: "Const", attr: { dtype: { type: "DT_INT32" }, value: { tensor: { dtype: "DT_INT32", tensorShape: dims(4) } } } },
    { name: "MatMul", op: "MatMul", input: ["z", "W"], attr: { T: float.dtype, transpose_a: { b: false }, transpose_b: { b: false } } },
    { name: "Reshape", op: "Reshape", input: ["MatMul", "shape"], attr: { T: float.dtype, Tshape: { type: "DT_INT32" } } },
    { name: "image", op: "Sigmoid", input: ["Reshape"], attr: { T: float.dtype } },
  ];
  await writeFile(
    join(snapshot, "model.json"),
    JSON.stringify({
      format: "graph-model",
      generatedBy: "umbra tests",
      convertedBy: null,
      modelTopology: { node, library: {}, versions: { producer: 1 } },
      weightsManifest: [
        {
          paths: ["weights.bin"],
          weights: [
            { name: "W", shape: [FIXTURE_LATENT, PIXELS], dtype: "float32" },
            { name: "shape", shape: [4], dtype: "int32" },
          ],
        },
      ],
    }),
  );
  await writeManifest(folder, { format: "graph", latentSize: FIXTURE_LATENT, input: "z", output: "image", layout: "NHWC", range: [0, 1], snapshots: [{ name: "g1", generator: "g1/model.json" }] });
  return weights;
}
