import { describe, expect, it } from "vitest";
import { EASINGS, ease } from "./easing.js";

describe("ease", () => {
  it("fixes the ends, rises monotonically, and shapes the middle as named", () => {
    for (const name of EASINGS) {
      expect([ease(name, 0), ease(name, 1)]).toEqual([0, 1]);
      let last = -1;
      for (let i = 0; i <= 100; i++) {
        const v = ease(name, i / 100);
        expect(v).toBeGreaterThanOrEqual(last);
        last = v;
      }
    }
    expect(ease("linear", 0.25)).toBe(0.25);
    expect(ease("ease-in", 0.25)).toBeLessThan(0.25);
    expect(ease("ease-out", 0.25)).toBeGreaterThan(0.25);
    expect(ease("ease-in-out", 0.5)).toBeCloseTo(0.5, 12);
    expect(ease("ease-in-out", 0.1)).toBeLessThan(0.1);
    expect(ease("ease-in-out", 0.9)).toBeGreaterThan(0.9);
  });
});
