/**
 * Umbra's seeded pseudo-random generator.
 *
 * Algorithm: xoshiro128** (Blackman & Vigna), its 128-bit state filled by four
 * successive outputs of splitmix32 started at the 32-bit seed. Uniform doubles take
 * 53 bits from two outputs. Normal deviates use Marsaglia's polar method with a
 * logarithm computed from +, -, *, / and sqrt only.
 *
 * Why no Math.log / Math.cos: ECMAScript leaves their last bit to the engine, while
 * the basic operations and sqrt are exactly rounded by IEEE 754. Built this way the
 * same seed yields the same bits in Node, Chromium, Firefox and Safari.
 */

export const MAX_SEED = 0xffff_ffff;

export function assertSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new RangeError(`seed must be an integer from 0 to ${MAX_SEED}, got ${seed}`);
  }
}

function splitmix32(state: number): { state: number; value: number } {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  z = z ^ (z >>> 15);
  return { state: next, value: z >>> 0 };
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

export class SeededRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    assertSeed(seed);
    let mix = { state: seed | 0, value: 0 };
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      mix = splitmix32(mix.state);
      words.push(mix.value);
    }
    [this.s0, this.s1, this.s2, this.s3] = words as [number, number, number, number];
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Standard normal deviate (Marsaglia polar method). */
  normal(): number {
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * portableLog(s)) / s);
    }
  }
}

const LN2 = 0.6931471805599453;
const SQRT2 = 1.4142135623730951;

/**
 * Natural logarithm of a positive finite x from exactly rounded operations only,
 * so every engine returns the same bits. Accurate to about 1e-16 relative.
 */
export function portableLog(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`portableLog needs a positive finite number, got ${x}`);
  let m = x;
  let e = 0;
  while (m < 1) {
    m *= 2;
    e -= 1;
  }
  while (m >= 2) {
    m /= 2;
    e += 1;
  }
  if (m > SQRT2) {
    m /= 2;
    e += 1;
  }
  // ln(m) = 2 atanh(u) with u = (m-1)/(m+1), |u| <= 0.172: 12 odd terms reach 1e-17.
  const u = (m - 1) / (m + 1);
  const u2 = u * u;
  let term = u;
  let sum = 0;
  for (let k = 1; k <= 23; k += 2) {
    sum += term / k;
    term *= u2;
  }
  return e * LN2 + 2 * sum;
}
