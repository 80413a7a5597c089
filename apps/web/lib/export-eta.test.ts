import { describe, expect, it } from "vitest";
import { exportSecondsLeft, roughDuration } from "./export-eta";

describe("exportSecondsLeft", () => {
  const startedAt = new Date(10_000).toISOString();
  it("has no pace before the first frame", () => {
    expect(exportSecondsLeft({ framesDone: 0, frames: 100, startedAt }, 20_000)).toBeNull();
    expect(exportSecondsLeft({ framesDone: 5, frames: 100, startedAt: null }, 20_000)).toBeNull();
  });
  it("extrapolates the pace so far", () => {
    // 25 frames in 10 s: 75 more take 30 s.
    expect(exportSecondsLeft({ framesDone: 25, frames: 100, startedAt }, 20_000)).toBe(30);
    expect(exportSecondsLeft({ framesDone: 100, frames: 100, startedAt }, 20_000)).toBe(0);
  });
});

describe("roughDuration", () => {
  it.each([
    [0.2, "about 1 s"],
    [42.4, "about 42 s"],
    [150, "about 3 min"],
    [5400, "about 1.5 h"],
  ])("says %s s as %j", (seconds, text) => expect(roughDuration(seconds)).toBe(text));
});
