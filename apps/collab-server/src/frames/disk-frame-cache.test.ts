import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recipeHash, seedFrameRecipe } from "@umbra/latent";
import { DiskFrameCache } from "./disk-frame-cache.js";
import type { CachedFrame } from "./frame-cache.js";

const frame = (seed: number, size = 1000): CachedFrame => {
  const recipe = seedFrameRecipe("builtin/cppn", seed);
  return { hash: recipeHash(recipe), recipe, mime: "image/jpeg", width: 256, height: 256, renderMs: 12, backend: { name: "wasm", source: "t", detail: "d" }, bytes: new Uint8Array(size).fill(seed % 256) };
};

describe("DiskFrameCache", () => {
  let dir: string;
  const logs: string[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "umbra-disk-cache-"));
    logs.length = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("gives back what it stored, also after reopening the folder", async () => {
    const cache = await DiskFrameCache.open(dir, 1 << 20, (l) => logs.push(l));
    const stored = frame(1);
    await cache.set(stored);
    expect(await cache.get(stored.hash)).toEqual(stored);
    const reopened = await DiskFrameCache.open(dir, 1 << 20, (l) => logs.push(l));
    expect(reopened.has(stored.hash)).toBe(true);
    expect(await reopened.get(stored.hash)).toEqual(stored);
    expect(await reopened.get(frame(2).hash)).toBeUndefined();
  });

  it("removes the least recently used frames beyond its budget", async () => {
    const cache = await DiskFrameCache.open(dir, 3500, () => {});
    const [a, b, c] = [frame(1), frame(2), frame(3)];
    await cache.set(a);
    await cache.set(b);
    await cache.get(a.hash); // a is now more recent than b
    await cache.set(c);
    expect([cache.has(a.hash), cache.has(b.hash), cache.has(c.hash)]).toEqual([true, false, true]);
    expect(cache.usedBytes).toBeLessThanOrEqual(3500);
    const files = (await Promise.all((await readdir(dir)).map((d) => readdir(join(dir, d))))).flat();
    expect(files.sort()).toEqual([`${a.hash}.frame`, `${c.hash}.frame`].sort());
  });

  it("drops a damaged file, says so, and answers as if it were not there", async () => {
    const cache = await DiskFrameCache.open(dir, 1 << 20, (l) => logs.push(l));
    const stored = frame(4);
    await cache.set(stored);
    await writeFile(join(dir, stored.hash.slice(0, 2), `${stored.hash}.frame`), "garbage");
    expect(await cache.get(stored.hash)).toBeUndefined();
    expect(cache.has(stored.hash)).toBe(false);
    expect(logs.join("\n")).toMatch(new RegExp(`dropped unreadable cached frame ${stored.hash.slice(0, 12)}`));
  });
});
