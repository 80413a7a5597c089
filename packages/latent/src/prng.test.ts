import { describe, expect, it } from "vitest";
import { SeededRandom, portableLog, assertSeed, MAX_SEED } from "./prng.js";

describe("SeededRandom", () => {
  it("repeats the same stream for the same seed and differs across seeds", () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const sa = Array.from({ length: 64 }, () => a.nextUint32());
    const sb = Array.from({ length: 64 }, () => b.nextUint32());
    const sc = Array.from({ length: 64 }, () => c.nextUint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
    expect(sa.every((x) => Number.isInteger(x) && x >= 0 && x <= MAX_SEED)).toBe(true);
  });

  it("draws uniforms in [0,1) with mean 1/2", () => {
    const r = new SeededRandom(7);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it("draws standard normals: mean 0, variance 1, about 68% within one sigma", () => {
    const r = new SeededRandom(123);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let within = 0;
    for (let i = 0; i < n; i++) {
      const x = r.normal();
      sum += x;
      sumSq += x * x;
      if (Math.abs(x) < 1) within++;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(sumSq / n - mean * mean).toBeCloseTo(1, 1);
    expect(within / n).toBeCloseTo(0.6827, 2);
  });

  it("refuses seeds that are not 32-bit unsigned integers", () => {
    for (const bad of [-1, 1.5, MAX_SEED + 1, Number.NaN]) expect(() => assertSeed(bad)).toThrow(/seed must be an integer/);
    expect(() => new SeededRandom(MAX_SEED)).not.toThrow();
  });
});

describe("portableLog", () => {
  it("agrees with Math.log to within a few ulps over many magnitudes", () => {
    const r = new SeededRandom(1);
    for (let i = 0; i < 20_000; i++) {
      const x = r.uniform() * 10 ** Math.floor(r.uniform() * 40 - 20) + Number.MIN_VALUE;
      const expected = Math.log(x);
      expect(Math.abs(portableLog(x) - expected)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.max(1, Math.abs(expected)));
    }
    expect(portableLog(1)).toBe(0);
  });

  it("refuses zero, negatives and infinity", () => {
    for (const bad of [0, -1, Infinity, Number.NaN]) expect(() => portableLog(bad)).toThrow(RangeError);
  });
});
