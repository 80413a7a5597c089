import { describe, expect, it } from "vitest";
import { frameDelays } from "./frame-delays.js";

describe("frameDelays", () => {
  it("alternates whole ticks so the total is the chain's duration", () => {
    const gif = frameDelays(24, 24, 100);
    expect(new Set(gif)).toEqual(new Set([4, 5]));
    expect(gif.reduce((a, b) => a + b, 0)).toBe(100);
    expect(frameDelays(97, 24, 100).reduce((a, b) => a + b, 0)).toBe(Math.round((97 * 100) / 24));
    expect(frameDelays(30, 30, 1000).reduce((a, b) => a + b, 0)).toBe(1000);
    expect(frameDelays(4, 25, 100)).toEqual([4, 4, 4, 4]);
  });
});
