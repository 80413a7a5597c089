import { SeededRandom } from "./prng.js";

/** A latent point: float32, standard normal per component when drawn from a seed. */
export type LatentVector = Float32Array;

/** The standard-normal latent of `size` numbers for an integer seed; same bits everywhere. */
export function latentFromSeed(seed: number, size: number): LatentVector {
  if (!Number.isInteger(size) || size <= 0) throw new RangeError(`latent size must be a positive integer, got ${size}`);
  const random = new SeededRandom(seed);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = random.normal();
  return out;
}

function assertSameLength(a: Float32Array, b: Float32Array): void {
  if (a.length !== b.length) throw new RangeError(`latents differ in size: ${a.length} vs ${b.length}`);
}

/** Linear interpolation a + t (b - a). */
export function lerp(a: LatentVector, b: LatentVector, t: number): LatentVector {
  assertSameLength(a, b);
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! + t * (b[i]! - a[i]!);
  return out;
}

function norm(v: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  return Math.sqrt(sum);
}

/**
 * Spherical interpolation along the great circle between the directions of a and b,
 * the usual walk through a Gaussian latent space: it keeps the norm near that of the
 * endpoints instead of shrinking through the middle as lerp does.
 * Falls back to lerp where the endpoints are (anti)parallel or zero.
 */
export function slerp(a: LatentVector, b: LatentVector, t: number): LatentVector {
  assertSameLength(a, b);
  const na = norm(a);
  const nb = norm(b);
  if (na === 0 || nb === 0) return lerp(a, b, t);
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  const cos = Math.min(1, Math.max(-1, dot / (na * nb)));
  const omega = Math.acos(cos);
  const sinOmega = Math.sin(omega);
  if (sinOmega < 1e-6) return lerp(a, b, t);
  const wa = Math.sin((1 - t) * omega) / sinOmega;
  const wb = Math.sin(t * omega) / sinOmega;
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = wa * a[i]! + wb * b[i]!;
  return out;
}

/** Little-endian float32 bytes as base64: how explicit latents travel in JSON. */
export function encodeLatentBase64(v: LatentVector): string {
  const bytes = new Uint8Array(v.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < v.length; i++) view.setFloat32(i * 4, v[i]!, true);
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

export function decodeLatentBase64(base64: string): LatentVector {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    throw new RangeError("latent vector is not valid base64");
  }
  if (binary.length % 4 !== 0) throw new RangeError(`latent vector has ${binary.length} bytes, not a whole number of float32`);
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Float32Array(binary.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
