import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { encodeLatentBase64, recipeHash, recipeLatent } from "@umbra/latent";
import { addChainData, chainFileSchema, chainToFile, chainToMarrow, marrowToChain, vectorsToChain } from "./chain-file.js";
import { RoomDoc } from "./room-doc.js";
import { chainFrameCount, frameRecipeAt } from "./timeline.js";
import type { Chain } from "./schema.js";

const MODEL = "builtin/cppn";
const SIZE = 512;

function sampleChain(): { room: RoomDoc; chain: Chain } {
  const room = new RoomDoc(new Y.Doc());
  const id = room.addChain({ name: "Walk cycle", fps: 12, snapshot: "late" });
  const ids = [7, 8, 9].map((seed) => room.addKeyframe(id, { seed })!);
  room.relabelKeyframe(id, ids[1]!, "turn");
  room.setTransition(id, ids[0]!, { frames: 10, easing: "ease-in-out", truncation: 0.5 });
  room.setTransition(id, ids[1]!, { frames: 7, interpolation: "lerp" });
  return { room, chain: room.chain(id)! };
}
const frames = (chain: Chain) => Array.from({ length: chainFrameCount(chain) }, (_, n) => frameRecipeAt(chain, n, MODEL)!);

describe("chain files", () => {
  it("round-trips a chain through Umbra's JSON: every frame has the same recipe hash", () => {
    const { chain } = sampleChain();
    const text = JSON.stringify(chainToFile(chain, MODEL));
    const parsed = chainFileSchema.parse(JSON.parse(text));
    const room = new RoomDoc(new Y.Doc());
    const copy = room.chain(addChainData(room, parsed.chain))!;
    expect(copy).toMatchObject({ name: "Walk cycle", fps: 12, snapshot: "late" });
    expect(frames(copy).map(recipeHash)).toEqual(frames(chain).map(recipeHash));
  });

  it("refuses a file whose shape is wrong, saying where", () => {
    const file = chainToFile(sampleChain().chain, MODEL);
    const broken = { ...file, chain: { ...file.chain, transitions: file.chain.transitions.slice(1) } };
    expect(chainFileSchema.safeParse(broken).error?.issues[0]).toMatchObject({ path: ["chain", "transitions"], message: "a chain has one transition fewer than keyframes" });
    expect(chainFileSchema.safeParse({ ...file, chain: { ...file.chain, fps: 7 } }).success).toBe(false);
    expect(chainFileSchema.safeParse({ ...file, version: 2 }).success).toBe(false);
  });

  it("writes Marrow animations per transition, and reads them back as one chain with the same latents at every frame", () => {
    const { chain } = sampleChain();
    const animations = chainToMarrow(chain, SIZE);
    expect(animations.map((a) => [a.name, a.steps, a.source.length])).toEqual([
      ["Walk cycle 001", 10, SIZE],
      ["Walk cycle 002", 7, SIZE],
    ]);
    expect(animations[0]!.dest).toEqual(animations[1]!.source);
    const data = marrowToChain(animations, "Imported", 12);
    expect(data.keyframes).toHaveLength(3);
    const room = new RoomDoc(new Y.Doc());
    const copy = room.chain(addChainData(room, data))!;
    // ψ is not Marrow's; compare the latents the model is given.
    const latents = (c: Chain) => frames(c).map((r) => Array.from(recipeLatent(r, SIZE)));
    expect(latents(copy)).toEqual(latents(chain));
  });

  it("joins Marrow animations that were not chained with a one-frame cut, and refuses non-finite latents", () => {
    const [a, b] = chainToMarrow(sampleChain().chain, SIZE) as [ReturnType<typeof chainToMarrow>[number], ReturnType<typeof chainToMarrow>[number]];
    const data = marrowToChain([b, a], "Two", 24);
    expect(data.transitions.map((t) => t.frames)).toEqual([7, 1, 10]);
    const bad = { ...a, dest: Float64Array.from(a.dest, (v, i) => (i === 3 ? Number.NaN : v)) };
    expect(() => marrowToChain([bad], "Bad", 24)).toThrow(/dest\.npy holds NaN at index 3/);
    expect(() => vectorsToChain([new Float32Array([1, Infinity])], "Inf", "default", 24)).toThrow(/row 0 holds Infinity at index 1/);
  });
});

describe("chain files with w latents and mixes", () => {
  function nudgedChain(): { room: RoomDoc; chain: Chain } {
    const { room, chain } = sampleChain();
    room.setKeyframeLatent(chain.id, chain.keyframes[0]!.id, { w: encodeLatentBase64(new Float32Array(128).fill(0.5)) });
    room.setKeyframeMix(chain.id, chain.keyframes[2]!.id, { latent: { seed: 40 }, layers: { first: 1, last: 3 } });
    return { room, chain: room.chain(chain.id)! };
  }

  it("keeps them through Umbra's JSON: every frame has the same recipe hash", () => {
    const { chain } = nudgedChain();
    const parsed = chainFileSchema.parse(JSON.parse(JSON.stringify(chainToFile(chain, MODEL))));
    const room = new RoomDoc(new Y.Doc());
    const copy = room.chain(addChainData(room, parsed.chain))!;
    expect(frames(copy).map(recipeHash)).toEqual(frames(chain).map(recipeHash));
    expect(copy.keyframes[2]!.mix).toEqual({ latent: { seed: 40 }, layers: { first: 1, last: 3 } });
  });

  it("refuses Marrow folders for them, saying which keyframe and what to do instead", () => {
    expect(() => chainToMarrow(nudgedChain().chain, 128)).toThrow(/keyframe 1 is nudged in w or mixes styles.*Umbra JSON/);
  });
});
