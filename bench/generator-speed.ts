// The generator alone on the active backend: frames per second in the worker's batches,
// and the backend's best matmul on this machine, for the FLOP efficiency ratio.
import * as tf from "@tensorflow/tfjs-core";
import { seedFrameRecipe, type FrameRecipe } from "@umbra/latent";
import type { Generator } from "@umbra/gan-worker";
import { percentile } from "./bench-results.js";

/** The batch the worker gets on wasm (its default maxBatch). */
export const GENERATOR_BATCH = 8;
/** Mid-transition frames: both endpoints are resolved and slerped, as in playback. */
export const benchRecipe = (seed: number, model = "builtin/cppn", extra: Partial<FrameRecipe> = {}) => seedFrameRecipe(model, seed, { to: { seed: seed + 1 }, t: 0.5, ...extra });

/** Both ends of a bench frame mix coarse styles from other seeds: the frame is found layer by layer in w. */
export const mixedFrame = (seed: number): Partial<FrameRecipe> => ({
  fromMix: { latent: { seed: seed + 100_000 }, layers: "coarse" },
  toMix: { latent: { seed: seed + 100_001 }, layers: "coarse" },
});

/** Best of several 1024³ products: the backend's peak on this machine, less sensitive to a noisy neighbour than a median. */
export async function matmulGflops(): Promise<number> {
  const n = 1024;
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  const times: number[] = [];
  for (let i = 0; i < 24; i++) {
    const start = performance.now();
    const c = tf.matMul(a, b);
    await c.data();
    times.push(performance.now() - start);
    c.dispose();
  }
  a.dispose();
  b.dispose();
  return (2 * n ** 3) / (Math.min(...times.slice(2)) / 1000) / 1e9;
}

/** Rounds a frames-per-second figure is the median of: one round of 64 frames swung by a third between runs here. */
const SPEED_ROUNDS = 3;

/** The median of SPEED_ROUNDS measures of frames per second. */
export async function medianFps(round: (index: number) => Promise<number>): Promise<number> {
  const rounds: number[] = [];
  for (let r = 0; r < SPEED_ROUNDS; r++) rounds.push(await round(r));
  return percentile(rounds, 50);
}

/** Frames per second rendering batches of GENERATOR_BATCH, as the worker does; `extra` changes each frame's recipe (a mix, say). */
export async function generatorFps(generator: Generator, extra: (seed: number) => Partial<FrameRecipe> = () => ({})): Promise<number> {
  await generator.render([benchRecipe(0, generator.id, extra(0))]);
  const batches = 8;
  return medianFps(async (round) => {
    const first = 1 + round * batches * GENERATOR_BATCH;
    const start = performance.now();
    for (let b = 0; b < batches; b++) {
      await generator.render(Array.from({ length: GENERATOR_BATCH }, (_, i) => benchRecipe(first + b * GENERATOR_BATCH + i, generator.id, extra(first + b * GENERATOR_BATCH + i))));
    }
    return (batches * GENERATOR_BATCH) / ((performance.now() - start) / 1000);
  });
}

