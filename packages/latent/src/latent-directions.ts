import { latentFromSeed, type LatentVector } from "./latent-vector.js";

/** Directions offered per snapshot (GANSpace's top principal components of w). */
export const DIRECTION_COUNT = 8;
/** z drawn to estimate them: enough for a stable 8-component estimate in a 512-wide w. */
export const DIRECTION_SAMPLES = 4096;
/** Seeds of those z: fixed, so every worker finds the same directions for the same weights. */
export const DIRECTION_SAMPLE_SEED = 1_000_000;
/** A slider moves a latent this many standard deviations along its direction, each way. */
export const MAX_DIRECTION_AMOUNT = 3;

/** A unit direction in w and the spread (standard deviation) of sampled w along it. */
export interface LatentDirection {
  vector: LatentVector;
  sigma: number;
}

/** The z whose w the directions are estimated from, row after row (DIRECTION_SAMPLES × zSize). */
export function directionSampleZ(zSize: number, samples = DIRECTION_SAMPLES): Float32Array {
  const out = new Float32Array(samples * zSize);
  for (let i = 0; i < samples; i++) out.set(latentFromSeed(DIRECTION_SAMPLE_SEED + i, zSize), i * zSize);
  return out;
}

/**
 * The top `count` principal components of `rows` (n rows of `size` numbers), largest
 * variance first, by power iteration with deflation on the covariance. Each vector has
 * unit length and its largest entry positive, so the answer is the same everywhere.
 */
export function principalDirections(rows: Float32Array, size: number, count: number): LatentDirection[] {
  const n = rows.length / size;
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`principal directions need at least 2 rows of ${size}, got ${rows.length} numbers`);
  if (count > size) throw new RangeError(`cannot take ${count} directions in ${size} dimensions`);
  const mean = new Float64Array(size);
  for (let r = 0; r < n; r++) for (let i = 0; i < size; i++) mean[i]! += rows[r * size + i]! / n;
  const covariance = new Float64Array(size * size);
  const centred = new Float64Array(size);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < size; i++) centred[i] = rows[r * size + i]! - mean[i]!;
    for (let i = 0; i < size; i++) {
      const ci = centred[i]!;
      if (ci === 0) continue;
      for (let j = i; j < size; j++) covariance[i * size + j]! += ci * centred[j]!;
    }
  }
  for (let i = 0; i < size; i++) {
    for (let j = i; j < size; j++) {
      const value = covariance[i * size + j]! / (n - 1);
      covariance[i * size + j] = value;
      covariance[j * size + i] = value;
    }
  }
  const directions: LatentDirection[] = [];
  for (let k = 0; k < count; k++) {
    const { vector, value } = topEigenvector(covariance, size, k);
    directions.push({ vector: Float32Array.from(vector), sigma: Math.sqrt(Math.max(0, value)) });
    // Deflate: take this component out so the next iteration finds the next one.
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) covariance[i * size + j]! -= value * vector[i]! * vector[j]!;
  }
  return directions;
}

const POWER_ITERATIONS = 500;

function topEigenvector(matrix: Float64Array, size: number, salt: number): { vector: Float64Array; value: number } {
  // A fixed, non-degenerate start (not all-equal, so it is not orthogonal to a likely component).
  let v = new Float64Array(size).map((_, i) => 1 + ((i * 7919 + salt * 104729) % 97) / 97);
  normalise(v);
  let value = 0;
  for (let iteration = 0; iteration < POWER_ITERATIONS; iteration++) {
    const next = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      let sum = 0;
      for (let j = 0; j < size; j++) sum += matrix[i * size + j]! * v[j]!;
      next[i] = sum;
    }
    value = normalise(next);
    let change = 0;
    for (let i = 0; i < size; i++) change = Math.max(change, Math.abs(next[i]! - v[i]!));
    v = next;
    if (change < 1e-10) break;
  }
  let largest = 0;
  for (let i = 1; i < size; i++) if (Math.abs(v[i]!) > Math.abs(v[largest]!)) largest = i;
  if (v[largest]! < 0) v = v.map((x) => -x);
  return { vector: v, value };
}

function normalise(v: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const length = Math.sqrt(sum);
  if (length > 0) for (let i = 0; i < v.length; i++) v[i]! /= length;
  return length;
}

/** `base` moved along each direction by its amount, in standard deviations (amounts[i] · σᵢ · vᵢ). */
export function nudgeLatent(base: LatentVector, directions: readonly LatentDirection[], amounts: readonly number[]): LatentVector {
  const out = Float32Array.from(base);
  directions.forEach((direction, k) => {
    const amount = amounts[k] ?? 0;
    if (amount === 0) return;
    if (direction.vector.length !== base.length) throw new RangeError(`a direction has ${direction.vector.length} numbers, the latent ${base.length}`);
    const step = amount * direction.sigma;
    for (let i = 0; i < out.length; i++) out[i]! += step * direction.vector[i]!;
  });
  return out;
}
