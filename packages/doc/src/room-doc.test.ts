import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { encodeLatentBase64, recipeHash } from "@umbra/latent";
import { createLocalUndo, undoGesture } from "./local-undo.js";
import { migrateRoomDoc } from "./migrate.js";
import { RoomDoc } from "./room-doc.js";
import { chainFrameCount, frameRecipeAt, keyframeStarts, locateFrame, roomRecipeOverrides } from "./timeline.js";

/** Two documents that exchange every update, like two connected clients. */
function linked(): [RoomDoc, RoomDoc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on("update", (update: Uint8Array, origin: unknown) => origin !== "remote" && Y.applyUpdate(b, update, "remote"));
  b.on("update", (update: Uint8Array, origin: unknown) => origin !== "remote" && Y.applyUpdate(a, update, "remote"));
  return [new RoomDoc(a), new RoomDoc(b)];
}

describe("RoomDoc commands", () => {
  it("builds chains of keyframes and transitions that every peer reads the same", () => {
    const [a, b] = linked();
    const chain = a.addChain({ name: "Walk", fps: 24 });
    const k1 = a.addKeyframe(chain, { seed: 1 })!;
    const k2 = b.addKeyframe(chain, { seed: 2 }, { label: "turn" })!;
    b.useDestinationAsNextSource(chain, 3);
    a.setTransition(chain, k1, { frames: 12, easing: "ease-in-out" });
    b.setTransition(chain, k1, { interpolation: "lerp" }); // a different field: both survive
    expect(b.chains()).toEqual(a.chains());
    const read = a.chain(chain)!;
    expect(read).toMatchObject({ name: "Walk", fps: 24, snapshot: "default" });
    expect(read.keyframes.map((k) => [k.latent, k.label])).toEqual([[{ seed: 1 }, null], [{ seed: 2 }, "turn"], [{ seed: 3 }, null]]);
    expect(read.transitions).toEqual([
      { frames: 12, interpolation: "lerp", easing: "ease-in-out", truncation: null },
      { frames: 60, interpolation: "slerp", easing: "linear", truncation: null },
    ]);
    expect(k2).toBe(read.keyframes[1]!.id);
    const seen: string[][] = [];
    const other = b.addChain({ name: "Other" });
    const stop = b.observe((ids) => seen.push([...ids]));
    a.renameChain(chain, "Walk 2");
    a.setTransition(chain, k1, { frames: 13 });
    a.renameChain(other, "Other 2");
    stop();
    expect(seen).toEqual([[chain], [chain], [other]]);
    expect(a.schemaVersion()).toBe(2);
  });

  it("keeps a room default ψ that every peer reads, that transitions without their own use, and that observers hear", () => {
    const [a, b] = linked();
    const chain = a.addChain();
    const k1 = a.addKeyframe(chain, { seed: 1 })!;
    const k2 = a.addKeyframe(chain, { seed: 2 })!;
    a.setTransition(chain, k2, { truncation: 1.5 });
    a.useDestinationAsNextSource(chain, 3);
    const heard: string[][] = [];
    const stop = b.observe((ids) => heard.push([...ids]));
    expect(b.roomTruncation()).toBeNull();
    a.setRoomTruncation(0.5);
    stop();
    expect(heard).toEqual([[]]);
    expect(b.roomTruncation()).toBe(0.5);
    const read = b.chain(chain)!;
    const psiAt = (frame: number) => frameRecipeAt(read, frame, "builtin/cppn", roomRecipeOverrides(b.roomTruncation()))!.truncation;
    expect(psiAt(1)).toBe(0.5);
    expect(psiAt(61)).toBe(1.5);
    expect(() => a.setRoomTruncation(2.5)).toThrow(/between 0 and 2/);
    a.setRoomTruncation(null);
    expect(b.roomTruncation()).toBeNull();
    expect(k1).toBe(read.keyframes[0]!.id);
  });

  it("reorders keyframes with their outgoing transitions, relabels, removes", () => {
    const [a, b] = linked();
    const chain = a.addChain();
    const [k1, k2, k3] = [1, 2, 3].map((seed) => a.addKeyframe(chain, { seed })!);
    a.setTransition(chain, k1!, { frames: 10 });
    a.setTransition(chain, k2!, { frames: 20 });
    expect(b.moveKeyframe(chain, k1!, 2)).toBe(true);
    expect(a.chain(chain)!.keyframes.map((k) => k.id)).toEqual([k2, k3, k1]);
    // k2's transition (20 frames) still leaves k2; k1 is last, so its 10 frames are not used.
    expect(a.chain(chain)!.transitions.map((t) => t.frames)).toEqual([20, 60]);
    b.relabelKeyframe(chain, k3!, "  peak  ");
    expect(a.chain(chain)!.keyframes[1]!.label).toBe("peak");
    expect(a.removeKeyframe(chain, k3!)).toBe(true);
    expect(a.removeKeyframe(chain, k3!)).toBe(false);
    expect(b.chain(chain)!.keyframes.map((k) => k.id)).toEqual([k2, k1]);
  });

  it("duplicates, renames and deletes chains; commands on vanished ids do nothing", () => {
    const [a, b] = linked();
    const walk = a.addChain({ name: "Walk" });
    const other = a.addChain({ name: "Other" });
    const k = a.addKeyframe(walk, { seed: 5 }, { label: "start" })!;
    a.addKeyframe(walk, { vector: "AACAPw==" });
    a.setTransition(walk, k, { frames: 7, truncation: 0.5 });
    const copy = b.duplicateChain(walk)!;
    expect(a.chains().map((c) => c.name)).toEqual(["Walk", "Walk copy", "Other"]);
    const [original, duplicate] = [a.chain(walk)!, a.chain(copy)!];
    expect(duplicate.keyframes.map((x) => [x.latent, x.label])).toEqual(original.keyframes.map((x) => [x.latent, x.label]));
    expect(duplicate.transitions).toEqual(original.transitions);
    expect(duplicate.keyframes[0]!.id).not.toBe(original.keyframes[0]!.id);
    b.renameChain(copy, "Run");
    expect(a.deleteChain(other)).toBe(true);
    expect(a.chains().map((c) => c.name)).toEqual(["Walk", "Run"]);
    expect(b.addKeyframe(other, { seed: 1 })).toBeNull();
    expect(b.setTransition(other, k, { frames: 3 })).toBe(false);
  });

  it("shuffles a transition's destination, or both its ends, with fresh seeds", () => {
    const [a] = linked();
    const chain = a.addChain();
    for (const seed of [1, 2, 3]) a.addKeyframe(chain, { seed });
    const seeds = [100, 200];
    a.shuffle(chain, 0, "destination", () => seeds.shift()!);
    expect(a.chain(chain)!.keyframes.map((k) => k.latent)).toEqual([{ seed: 1 }, { seed: 100 }, { seed: 3 }]);
    a.shuffle(chain, 1, "both", () => 7);
    expect(a.chain(chain)!.keyframes.map((k) => k.latent)).toEqual([{ seed: 1 }, { seed: 7 }, { seed: 7 }]);
    expect(a.shuffle(chain, 2, "destination", () => 9)).toBe(false);
  });

  it("refuses bad values without touching the document", () => {
    const [a] = linked();
    const chain = a.addChain();
    const k = a.addKeyframe(chain, { seed: 1 })!;
    const before = Y.encodeStateAsUpdate(a.doc);
    expect(() => a.addKeyframe(chain, { seed: -1 })).toThrow();
    expect(() => a.setTransition(chain, k, { frames: 0 })).toThrow(/1 to 10000 frames/);
    expect(() => a.setTransition(chain, k, { easing: "bounce" as never })).toThrow(/easing/);
    expect(() => a.setChainFps(chain, 60 as never)).toThrow(/fps/);
    expect(() => a.renameChain(chain, "   ")).toThrow(/name/);
    expect(Y.encodeStateAsUpdate(a.doc)).toEqual(before);
  });
});

describe("local undo", () => {
  it("undoes and redoes only this user's edits", () => {
    const [a, b] = linked();
    const undoA = createLocalUndo(a);
    const chain = b.addChain({ name: "Theirs" });
    const mine = a.addKeyframe(chain, { seed: 1 })!;
    b.addKeyframe(chain, { seed: 2 });
    b.renameChain(chain, "Still theirs");
    undoA.undo();
    expect(b.chain(chain)!.keyframes.map((k) => k.latent)).toEqual([{ seed: 2 }]);
    expect(b.chain(chain)!.name).toBe("Still theirs");
    expect(undoA.undo()).toBeNull(); // nothing else of A's to undo
    expect(b.chains()).toHaveLength(1);
    undoA.redo();
    expect(a.chain(chain)!.keyframes.map((k) => k.id)).toContain(mine);
  });

  it("makes each command one step, and a batch of commands one step", () => {
    const [a] = linked();
    const undo = createLocalUndo(a);
    const chain = a.batch(() => {
      const id = a.addChain();
      a.addKeyframe(id, { seed: 1 });
      return id;
    });
    a.addKeyframe(chain, { seed: 2 });
    a.addKeyframe(chain, { seed: 3 });
    const copy = a.duplicateChain(chain)!;
    expect(a.chains()).toHaveLength(2);
    undo.undo();
    expect(a.chain(copy)).toBeNull();
    undo.undo();
    expect(a.chain(chain)!.keyframes).toHaveLength(2);
    undo.undo();
    undo.undo();
    expect(a.chains()).toEqual([]);
  });
});

describe("timeline", () => {
  const [room] = linked();
  const id = room.addChain({ snapshot: "alt-a" });
  const k = [11, 22, 33].map((seed) => room.addKeyframe(id, { seed })!);
  room.setTransition(id, k[0]!, { frames: 4, easing: "ease-in", interpolation: "lerp", truncation: 0.5 });
  room.setTransition(id, k[1]!, { frames: 2 });
  const chain = room.chain(id)!;

  it("counts every transition's frames plus the last keyframe, and maps indices to (transition, t)", () => {
    expect(chainFrameCount(chain)).toBe(7);
    expect(keyframeStarts(chain)).toEqual([0, 4, 6]);
    expect([0, 1, 3, 4, 5, 6, 99, -3].map((i) => locateFrame(chain, i))).toEqual([
      { transition: 0, local: 0, t: 0 },
      { transition: 0, local: 1, t: 0.25 },
      { transition: 0, local: 3, t: 0.75 },
      { transition: 1, local: 0, t: 0 },
      { transition: 1, local: 1, t: 0.5 },
      { transition: 2, local: 0, t: 0 },
      { transition: 2, local: 0, t: 0 },
      { transition: 0, local: 0, t: 0 },
    ]);
    expect(chainFrameCount({ keyframes: [], transitions: [] })).toBe(0);
    expect(locateFrame({ keyframes: [], transitions: [] }, 0)).toBeNull();
  });

  it("turns a frame index into the recipe of that frame: endpoints, eased t, interpolation, ψ, snapshot", () => {
    const r = frameRecipeAt(chain, 2, "builtin/cppn")!;
    expect(r).toMatchObject({ model: "builtin/cppn", snapshot: "alt-a", from: { seed: 11 }, to: { seed: 22 }, interpolation: "lerp", truncation: 0.5 });
    expect(r.t).toBeCloseTo(0.125, 12); // ease-in of 0.5
    const last = frameRecipeAt(chain, 6, "builtin/cppn")!;
    expect(last).toMatchObject({ from: { seed: 33 }, to: { seed: 33 }, t: 0, truncation: 0.7 });
    // The start of a transition is exactly its source keyframe's frame.
    expect(recipeHash(frameRecipeAt(chain, 4, "builtin/cppn")!)).not.toBe(recipeHash(frameRecipeAt(chain, 5, "builtin/cppn")!));
  });
});

describe("migrateRoomDoc", () => {
  it("versions a new document and refuses to rewrite one from a newer Umbra", () => {
    const doc = new Y.Doc();
    expect(migrateRoomDoc(doc)).toEqual({ ok: true, from: 0, to: 2 });
    expect(migrateRoomDoc(doc)).toEqual({ ok: true, from: 2, to: 2 });
    doc.getMap("meta").set("schemaVersion", 9);
    const outcome = migrateRoomDoc(doc);
    expect(outcome.ok).toBe(false);
    expect(doc.getMap("meta").get("schemaVersion")).toBe(9);
  });
});

describe("w latents and style mixes (document v2)", () => {
  /** A v1 room as the Umbra before w latents wrote it: seeds and vectors only. */
  function v1Room(): { doc: Y.Doc; chain: string } {
    const doc = new Y.Doc();
    const room = new RoomDoc(doc);
    const chain = room.addChain({ name: "Old" });
    room.addKeyframe(chain, { seed: 4 });
    room.addKeyframe(chain, { vector: encodeLatentBase64(new Float32Array([1, 2])) }, { label: "imported" });
    doc.getMap("meta").set("schemaVersion", 1);
    return { doc, chain };
  }

  it("reads a v1 room unchanged after migrating it to v2, and stamps v2", () => {
    const { doc, chain } = v1Room();
    const before = new RoomDoc(doc).chain(chain);
    expect(migrateRoomDoc(doc)).toEqual({ ok: true, from: 1, to: 2 });
    expect(new RoomDoc(doc).chain(chain)).toEqual(before);
    expect(before!.keyframes.every((k) => k.mix === undefined)).toBe(true);
  });

  it("sets w latents and mixes that every peer reads, refuses malformed ones, and takes a mix away", () => {
    const [a, b] = linked();
    const chain = a.addChain();
    const k1 = a.addKeyframe(chain, { seed: 1 })!;
    const k2 = a.addKeyframe(chain, { seed: 2 })!;
    const w = encodeLatentBase64(new Float32Array([0.25, -0.5]));
    a.setKeyframeLatent(chain, k1, { w });
    a.setKeyframeMix(chain, k2, { latent: { seed: 9 }, layers: "coarse" });
    expect(b.chain(chain)!.keyframes.map((k) => [k.latent, k.mix])).toEqual([
      [{ w }, undefined],
      [{ seed: 2 }, { latent: { seed: 9 }, layers: "coarse" }],
    ]);
    expect(() => a.setKeyframeMix(chain, k2, { latent: { seed: 9 }, layers: { first: 3, last: 1 } })).toThrow(/style mix/);
    expect(() => a.setKeyframeLatent(chain, k1, { w: "###" })).toThrow(/base64 float32/);
    a.setKeyframeMix(chain, k2, null);
    expect(b.chain(chain)!.keyframes[1]!.mix).toBeUndefined();
  });

  it("gives each end's mix to the frames of its transitions, leaving unmixed frames' hashes as they were", () => {
    const room = new RoomDoc(new Y.Doc());
    const chain = room.addChain();
    const k1 = room.addKeyframe(chain, { seed: 1 })!;
    room.addKeyframe(chain, { seed: 2 });
    room.setTransition(chain, k1, { frames: 4 });
    const plain = [0, 2, 4].map((i) => recipeHash(frameRecipeAt(room.chain(chain)!, i, "builtin/portraits")!));
    const coarse = { latent: { seed: 9 }, layers: "coarse" as const };
    room.setKeyframeMix(chain, k1, coarse);
    const mixed = room.chain(chain)!;
    expect(frameRecipeAt(mixed, 2, "builtin/portraits")).toMatchObject({ fromMix: coarse });
    expect(frameRecipeAt(mixed, 2, "builtin/portraits")!.toMix).toBeUndefined();
    // The last frame shows the second keyframe alone: unmixed, with the hash it always had.
    expect(recipeHash(frameRecipeAt(mixed, 4, "builtin/portraits")!)).toBe(plain[2]);
    expect(recipeHash(frameRecipeAt(mixed, 0, "builtin/portraits")!)).not.toBe(plain[0]);
  });

  it("copies mixes with a duplicated chain, in one undo step", () => {
    const room = new RoomDoc(new Y.Doc());
    const undo = createLocalUndo(room);
    const chain = room.addChain();
    const k1 = room.addKeyframe(chain, { w: encodeLatentBase64(new Float32Array([1])) })!;
    room.setKeyframeMix(chain, k1, { latent: { seed: 3 }, layers: "fine" });
    undo.stopCapturing();
    const copy = room.duplicateChain(chain)!;
    expect(room.chain(copy)!.keyframes.map((k) => [k.latent, k.mix])).toEqual(room.chain(chain)!.keyframes.map((k) => [k.latent, k.mix]));
    undo.undo();
    expect(room.chain(copy)).toBeNull();
    expect(room.chain(chain)!.keyframes[0]!.mix).toEqual({ latent: { seed: 3 }, layers: "fine" });
  });
});

describe("undoGesture", () => {
  it("makes a gesture's many writes one undo step, and leaves the steps around it apart", () => {
    const room = new RoomDoc(new Y.Doc());
    const undo = createLocalUndo(room);
    const chain = room.addChain();
    const k = room.addKeyframe(chain, { seed: 1 })!;
    const gesture = undoGesture(undo);
    gesture.begin();
    for (let i = 0; i < 5; i++) room.setKeyframeLatent(chain, k, { w: encodeLatentBase64(new Float32Array([i])) });
    gesture.end();
    room.relabelKeyframe(chain, k, "after");
    undo.undo();
    expect(room.chain(chain)!.keyframes[0]).toMatchObject({ label: null, latent: { w: encodeLatentBase64(new Float32Array([4])) } });
    undo.undo();
    expect(room.chain(chain)!.keyframes[0]!.latent).toEqual({ seed: 1 });
    undo.undo();
    expect(room.chain(chain)!.keyframes).toHaveLength(0);
  });
});
