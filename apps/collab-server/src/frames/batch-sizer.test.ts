import { describe, expect, it } from "vitest";
import { BatchSizer } from "./batch-sizer.js";

describe("BatchSizer", () => {
  it("doubles after fast full batches, up to the worker's capacity", () => {
    const sizer = new BatchSizer(8, 200);
    const sizes = [sizer.current];
    for (let i = 0; i < 5; i++) {
      sizer.answered(sizer.current, 50);
      sizes.push(sizer.current);
    }
    expect(sizes).toEqual([1, 2, 4, 8, 8, 8]);
  });

  it("does not grow on partial batches, whatever their speed", () => {
    const sizer = new BatchSizer(8, 200);
    sizer.answered(1, 10);
    expect(sizer.current).toBe(2);
    sizer.answered(1, 10);
    expect(sizer.current).toBe(2);
    sizer.answered(2, 10);
    sizer.answered(3, 10);
    expect(sizer.current).toBe(4);
  });

  it("halves after a batch slower than twice the target, never below 1", () => {
    const sizer = new BatchSizer(16, 100);
    for (let i = 0; i < 4; i++) sizer.answered(sizer.current, 10);
    expect(sizer.current).toBe(16);
    sizer.answered(16, 250);
    expect(sizer.current).toBe(8);
    sizer.answered(8, 150); // between target and twice it: keep
    expect(sizer.current).toBe(8);
    for (let i = 0; i < 6; i++) sizer.answered(sizer.current, 1000);
    expect(sizer.current).toBe(1);
  });
});
