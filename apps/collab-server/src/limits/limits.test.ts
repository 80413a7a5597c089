import { describe, expect, it } from "vitest";
import { AttemptLimiter } from "./attempt-limiter.js";
import { TokenBucket } from "./token-bucket.js";

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
