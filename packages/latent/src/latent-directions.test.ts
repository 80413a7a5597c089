import { describe, expect, it } from "vitest";
import { SeededRandom } from "./prng.js";
import { directionSampleZ, nudgeLatent, principalDirections } from "./latent-directions.js";

/** Rows with a known spread: std 5 along e0+e1, 2 along e2, 0.1 elsewhere. */
function knownCloud(n: number, size: number): Float32Array {
  const random = new SeededRandom(7);
  const rows = new Float32Array(n * size);
  for (let r = 0; r < n; r++) {
    const a = random.normal() * 5;
    const b = random.normal() * 2;
    for (let i = 0; i < size; i++) rows[r * size + i] = 3 + random.normal() * 0.1;
    rows[r * size] = rows[r * size]! + a / Math.SQRT2;
    rows[r * size + 1] = rows[r * size + 1]! + a / Math.SQRT2;
    rows[r * size + 2] = rows[r * size + 2]! + b;
  }
  return rows;
}

describe("principalDirections", () => {
  it("finds the directions of largest spread, in order, with their standard deviations", () => {
    const [first, second, third] = principalDirections(knownCloud(4000, 16), 16, 3);
    expect(first!.vector[0]).toBeCloseTo(Math.SQRT1_2, 2);
    expect(first!.vector[1]).toBeCloseTo(Math.SQRT1_2, 2);
    expect(first!.sigma).toBeGreaterThan(4.7);
    expect(first!.sigma).toBeLessThan(5.3);
    expect(Math.abs(second!.vector[2]!)).toBeCloseTo(1, 2);
    expect(second!.sigma).toBeGreaterThan(1.85);
    expect(second!.sigma).toBeLessThan(2.15);
    expect(third!.sigma).toBeLessThan(0.15);
  });

  it("gives unit, mutually orthogonal vectors with their largest entry positive, the same on every run", () => {
    const rows = knownCloud(500, 8);
    const directions = principalDirections(rows, 8, 4);
    for (const [i, a] of directions.entries()) {
      for (const [j, b] of directions.entries()) {
        const dot = a.vector.reduce((sum, x, k) => sum + x * b.vector[k]!, 0);
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 4);
      }
      const largest = a.vector.reduce((best, x) => (Math.abs(x) > Math.abs(best) ? x : best), 0);
      expect(largest).toBeGreaterThan(0);
    }
    expect(principalDirections(rows, 8, 4)).toEqual(directions);
  });

  it("refuses too few rows or too many directions", () => {
    expect(() => principalDirections(new Float32Array(8), 8, 1)).toThrow(/at least 2 rows/);
    expect(() => principalDirections(new Float32Array(32), 8, 9)).toThrow(/9 directions in 8/);
  });
});

describe("nudgeLatent", () => {
  it("moves a latent by amount × σ along each direction, and leaves the base untouched", () => {
    const base = new Float32Array([1, 1, 1]);
    const directions = [
      { vector: new Float32Array([1, 0, 0]), sigma: 2 },
      { vector: new Float32Array([0, 0.6, 0.8]), sigma: 0.5 },
    ];
    const nudged = nudgeLatent(base, directions, [1.5, -2]);
    [4, 1 - 0.6, 1 - 0.8].forEach((expected, i) => expect(nudged[i]).toBeCloseTo(expected, 6));
    expect(Array.from(base)).toEqual([1, 1, 1]);
    expect(Array.from(nudgeLatent(base, directions, [0, 0]))).toEqual([1, 1, 1]);
  });
});

describe("directionSampleZ", () => {
  it("draws the same rows everywhere", () => {
    expect(directionSampleZ(4, 3)).toEqual(directionSampleZ(4, 3));
    expect(directionSampleZ(4, 3).length).toBe(12);
  });
});
