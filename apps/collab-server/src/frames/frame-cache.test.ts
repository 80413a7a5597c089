import { describe, expect, it } from "vitest";
import { seedFrameRecipe } from "@umbra/latent";
import { FrameCache, type CachedFrame } from "./frame-cache.js";

const frame = (hash: string, bytes: number): CachedFrame => ({
  hash,
  recipe: seedFrameRecipe("builtin/cppn", 1),
  mime: "image/jpeg",
  width: 256,
  height: 256,
  renderMs: 1,
  backend: { name: "cpu", source: "test", detail: "" },
  bytes: new Uint8Array(bytes),
});

describe("FrameCache", () => {
  it("keeps frames within its byte budget, evicting the least recently used", () => {
    const cache = new FrameCache(3 * (1000 + 1024));
    for (const hash of ["a", "b", "c"]) cache.set(frame(hash, 1000));
    expect(cache.get("a")?.hash).toBe("a"); // a is now the most recent
    cache.set(frame("d", 1000));
    expect(cache.get("b")).toBeUndefined();
    expect([cache.get("a"), cache.get("c"), cache.get("d")].map((f) => f?.hash)).toEqual(["a", "c", "d"]);
    expect(cache.usedBytes).toBeLessThanOrEqual(cache.budgetBytes);
    cache.set(frame("huge", 10_000));
    expect(cache.get("huge")).toBeUndefined();
    expect(cache.size).toBe(3);
  });
});
