import { describe, expect, it } from "vitest";
import { AttemptLimiter } from "./attempt-limiter.js";
import { TokenBucket } from "./token-bucket.js";
import { LocalWriteBudget } from "./write-budget.js";

describe("TokenBucket", () => {
  it("lets a burst through, refuses the excess, and refills at the sustained rate", () => {
    let now = 0;
    const bucket = new TokenBucket(10, 20, () => now);
    const passed = Array.from({ length: 30 }, () => bucket.take()).filter(Boolean).length;
    expect(passed).toBe(20);
    now += 500; // half a second refills 5 tokens
    expect(Array.from({ length: 10 }, () => bucket.take()).filter(Boolean).length).toBe(5);
  });
});

describe("AttemptLimiter", () => {
  it("blocks a key after max failures until the oldest leaves the window; other keys are unaffected", () => {
    let now = 1000;
    const limiter = new AttemptLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs("ada")).toBe(0);
      limiter.recordFailure("ada");
      now += 1000;
    }
    expect(limiter.retryAfterMs("ada")).toBe(1000 + 60_000 - now);
    expect(limiter.retryAfterMs("bob")).toBe(0);
    now = 1000 + 60_001;
    expect(limiter.retryAfterMs("ada")).toBe(0);
    limiter.recordFailure("ada");
    limiter.reset("ada");
    expect(limiter.retryAfterMs("ada")).toBe(0);
  });
});

describe("LocalWriteBudget", () => {
  it("allows each key its writes per window, from its first write, and keys apart", () => {
    let now = 0;
    const budget = new LocalWriteBudget(3, 1000, () => now);
    expect([1, 2, 3, 4].map(() => budget.take("room:ana"))).toEqual([true, true, true, false]);
    expect(budget.take("room:ben")).toBe(true);
    now = 999;
    expect(budget.take("room:ana")).toBe(false);
    now = 1000;
    expect([1, 2, 3, 4].map(() => budget.take("room:ana"))).toEqual([true, true, true, false]);
  });
});
