import { describe, expect, it } from "vitest";
import { seedFrameRecipe, type FrameRecipe } from "@umbra/latent";
import type { RenderOutcome } from "./frame-renderer.js";
import { RenderScheduler } from "./render-scheduler.js";

const recipe = (seed: number, size = 256) => seedFrameRecipe("builtin/cppn", seed, { width: size, height: size });
const seedOf = (r: FrameRecipe) => ("seed" in r.from ? r.from.seed : -1);
const outcome = (r: FrameRecipe): RenderOutcome => ({ ok: true, frame: { bytes: new Uint8Array([seedOf(r)]), mime: "image/jpeg", width: 1, height: 1, renderMs: 1 } });

/**
 * A generator the test drives: each render waits until the test lets it finish, and
 * then the clock has moved on 10 ms per frame.
 */
function heldRenders() {
  let clock = 0;
  const calls: { seeds: number[]; finish(failure?: Error): void }[] = [];
  const waiters: (() => void)[] = [];
  const render = (recipes: readonly FrameRecipe[]) =>
    new Promise<{ encoded: Promise<RenderOutcome[]> }>((resolve, reject) => {
      calls.push({
        seeds: recipes.map(seedOf),
        finish: (failure) => {
          clock += 10 * recipes.length;
          if (failure) reject(failure);
          else resolve({ encoded: Promise.resolve(recipes.map(outcome)) });
        },
      });
      waiters.splice(0).forEach((wake) => wake());
    });
  /** The render call number `n` (from 0), once the scheduler has made it. */
  const call = async (n: number) => {
    while (calls.length <= n) await new Promise<void>((wake) => waiters.push(wake));
    return calls[n]!;
  };
  return { render, now: () => clock, call, calls };
}

describe("RenderScheduler", () => {
  it("renders an urgent batch that arrives during a prefetch batch before the rest of it, whole", async () => {
    const gen = heldRenders();
    const scheduler = new RenderScheduler(gen.render, gen.now, 50);
    const prefetch = scheduler.run([1, 2, 3, 4, 5, 6, 7].map((s) => recipe(s)), false);
    const first = await gen.call(0);
    // The cost is not known yet: one frame.
    expect(first.seeds).toEqual([1]);
    const preview = scheduler.run([recipe(100), recipe(101)], true);
    first.finish();
    const second = await gen.call(1);
    expect(second.seeds).toEqual([100, 101]);
    second.finish();
    expect((await preview).map((o) => o.ok && o.frame.bytes[0])).toEqual([100, 101]);
    // 10 ms a frame learnt: slices of 50 ms are five frames.
    const third = await gen.call(2);
    expect(third.seeds).toEqual([2, 3, 4, 5, 6]);
    third.finish();
    const fourth = await gen.call(3);
    expect(fourth.seeds).toEqual([7]);
    fourth.finish();
    expect((await prefetch).map((o) => o.ok && o.frame.bytes[0])).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("keeps frames of another size out of a slice, and learns their cost apart", async () => {
    const gen = heldRenders();
    const scheduler = new RenderScheduler(gen.render, gen.now, 50);
    const done = scheduler.run([recipe(1), recipe(2), recipe(3), recipe(4, 64), recipe(5, 64)], false);
    for (const [n, seeds] of [[0, [1]], [1, [2, 3]], [2, [4]], [3, [5]]] as const) {
      const call = await gen.call(n);
      expect(call.seeds).toEqual(seeds);
      call.finish();
    }
    expect(await done).toHaveLength(5);
  });

  it("fails only the batch whose render threw, and goes on with the next", async () => {
    const gen = heldRenders();
    const scheduler = new RenderScheduler(gen.render, gen.now, 50);
    const broken = scheduler.run([recipe(1), recipe(2)], false);
    const next = scheduler.run([recipe(3)], false);
    (await gen.call(0)).finish(new Error("the generator ran out of memory"));
    await expect(broken).rejects.toThrow("the generator ran out of memory");
    const after = await gen.call(1);
    expect(after.seeds).toEqual([3]);
    after.finish();
    expect(await next).toHaveLength(1);
    expect(gen.calls).toHaveLength(2);
  });
});
