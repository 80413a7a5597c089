import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { RoomDoc, frameRecipeAt, type Chain } from "@umbra/doc";
import { recipeHash } from "@umbra/latent";
import { comparedFrames, type ComparedFrame } from "./comparison";
import { PREFETCH_AHEAD, PREFETCH_BEHIND, prefetchWindow } from "./use-frame-prefetch";
import { gridLatents } from "./seed-grid";

/** A chain of three keyframes with 10 and 20 frames between them: 31 frames. */
function chain(): Chain {
  const doc = new RoomDoc(new Y.Doc());
  const id = doc.addChain();
  const a = doc.addKeyframe(id, { seed: 1 })!;
  const b = doc.addKeyframe(id, { seed: 2 })!;
  doc.addKeyframe(id, { seed: 3 });
  doc.setTransition(id, a, { frames: 10 });
  doc.setTransition(id, b, { frames: 20 });
  return doc.chains()[0]!;
}
const index = (c: Chain, recipes: ReturnType<typeof prefetchWindow>) => {
  const all = Array.from({ length: 31 }, (_, n) => recipeHash(frameRecipeAt(c, n, "m")!));
  return recipes.map((r) => all.indexOf(recipeHash(r)));
};

describe("prefetchWindow", () => {
  it("starts at the playhead, goes ahead in the direction of motion (wrapping), then a few behind", () => {
    const c = chain();
    const forward = index(c, prefetchWindow(c, 20, 31, 1, "m", {}));
    expect(forward.slice(0, 12)).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 0]);
    expect(forward).toHaveLength(1 + PREFETCH_AHEAD + PREFETCH_BEHIND);
    expect(forward.slice(-PREFETCH_BEHIND)).toEqual([19, 18, 17, 16]);
    const backward = index(c, prefetchWindow(c, 2, 31, -1, "m", {}));
    expect(backward.slice(0, 5)).toEqual([2, 1, 0, 30, 29]);
    expect(backward.slice(-PREFETCH_BEHIND)).toEqual([3, 4, 5, 6]);
  });

  it("lists each frame once in a chain shorter than the window", () => {
    const doc = new RoomDoc(new Y.Doc());
    const id = doc.addChain();
    const a = doc.addKeyframe(id, { seed: 1 })!;
    doc.addKeyframe(id, { seed: 2 });
    doc.setTransition(id, a, { frames: 4 });
    const short = doc.chains()[0]!;
    const hashes = prefetchWindow(short, 1, 5, 1, "m", {}).map(recipeHash);
    expect(hashes).toHaveLength(5);
    expect(new Set(hashes).size).toBe(5);
  });
});

describe("comparedFrames", () => {
  it("puts the transition's two keyframes side by side", () => {
    const c = chain();
    const [a, b] = comparedFrames(c, 15, "m", {}, { kind: "ends" }) as [ComparedFrame, ComparedFrame];
    expect([a.recipe.from, b.recipe.from]).toEqual([{ seed: 2 }, { seed: 3 }]);
    expect([a.recipe.t, b.recipe.t]).toEqual([0, 0]);
    expect(b.label).toMatch(/destination \(keyframe 3\)/);
    // On the last frame, the last transition's ends.
    expect(comparedFrames(c, 30, "m", {}, { kind: "ends" })!.map((f) => f.recipe.from)).toEqual([{ seed: 2 }, { seed: 3 }]);
  });

  it("shows the frame at the playhead in the chain's snapshot and in another", () => {
    const c = chain();
    const [a, b] = comparedFrames(c, 5, "m", { view: "shadows" }, { kind: "snapshot", snapshot: "alt-a" }) as [ComparedFrame, ComparedFrame];
    expect(recipeHash(a.recipe)).toBe(recipeHash(frameRecipeAt(c, 5, "m", { view: "shadows" })!));
    expect(b.recipe).toEqual({ ...a.recipe, snapshot: "alt-a" });
  });

  it("shows the playhead's frame in an earlier version beside the one shown: the same frame number, the last when it was shorter, alone when it lacked the chain", () => {
    const now = chain();
    const then = { ...now, transitions: [{ ...now.transitions[0]!, frames: 4 }, now.transitions[1]!] };
    const mode = (chains: typeof now[]) => ({ kind: "versions" as const, earlier: { label: "Tuesday", chains }, later: "Now", layout: "side" as const });
    const [a, b] = comparedFrames(now, 5, "m", {}, mode([then])) as [ComparedFrame, ComparedFrame];
    expect([a.label, b.label]).toEqual(["Tuesday", "Now"]);
    expect(recipeHash(a.recipe)).toBe(recipeHash(frameRecipeAt(then, 5, "m")!));
    expect(recipeHash(b.recipe)).toBe(recipeHash(frameRecipeAt(now, 5, "m")!));
    const shorter = { ...now, keyframes: now.keyframes.slice(0, 2), transitions: [{ ...now.transitions[0]!, frames: 3 }] };
    expect(recipeHash(comparedFrames(now, 25, "m", {}, mode([shorter]))![0]!.recipe)).toBe(recipeHash(frameRecipeAt(shorter, 3, "m")!));
    expect(comparedFrames(now, 5, "m", {}, mode([])) as ComparedFrame[]).toEqual([{ label: "Now · this chain is not in Tuesday", recipe: b.recipe }]);
  });
});

describe("gridLatents", () => {
  it("gives sixteen consecutive seeds, or the center and fifteen different neighbours", () => {
    expect(gridLatents({ kind: "sequential", start: 40 }, 512)).toEqual(Array.from({ length: 16 }, (_, i) => ({ seed: 40 + i })));
    const around = gridLatents({ kind: "around", center: { seed: 9 }, strength: 0.2, page: 0 }, 512);
    expect(around[0]).toEqual({ seed: 9 });
    expect(new Set(around.slice(1).map((l) => ("vector" in l ? l.vector : ""))).size).toBe(15);
    expect(gridLatents({ kind: "around", center: { seed: 9 }, strength: 0.2, page: 1 }, 512)[1]).not.toEqual(around[1]);
  });
});
