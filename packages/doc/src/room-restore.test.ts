import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { findDocProblem } from "./doc-check.js";
import { anchorFrame } from "./frame-anchor.js";
import { createLocalUndo } from "./local-undo.js";
import { RoomDoc, type RoomContent } from "./room-doc.js";
import { randomEdit, seeded } from "./random-room-edits.js";
import { countChanges, describeChanges, diffChains, documentSize } from "./version-diff.js";

/** Two documents that exchange updates, like two connected clients; `hold` keeps them apart until `release`. */
function linked() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  let held = false;
  const queued: [Y.Doc, Uint8Array][] = [];
  const pass = (to: Y.Doc) => (update: Uint8Array, origin: unknown) => {
    if (origin === "remote") return;
    if (held) queued.push([to, update]);
    else Y.applyUpdate(to, update, "remote");
  };
  a.on("update", pass(b));
  b.on("update", pass(a));
  return {
    a: new RoomDoc(a),
    b: new RoomDoc(b),
    hold: () => (held = true),
    release: () => {
      held = false;
      for (const [to, update] of queued.splice(0)) Y.applyUpdate(to, update, "remote");
    },
  };
}

/** A room of two chains: Walk (three keyframes) and Run (two). */
function twoChains(room: RoomDoc) {
  const walk = room.addChain({ name: "Walk" });
  const w = [1, 2, 3].map((seed) => room.addKeyframe(walk, { seed })!);
  room.setTransition(walk, w[0]!, { frames: 24 });
  const run = room.addChain({ name: "Run" });
  const r = [4, 5].map((seed) => room.addKeyframe(run, { seed })!);
  return { walk, w, run, r };
}

describe("restoring a version of a room", () => {
  it("makes the room what the version was, keeping the ids of what it still had, in one undo step of the restorer's", () => {
    const room = new RoomDoc(new Y.Doc());
    const { walk, w, run } = twoChains(room);
    const tuesday: RoomContent = room.content();

    room.setTransition(walk, w[0]!, { frames: 48 });
    room.removeKeyframe(walk, w[1]!);
    room.addKeyframe(walk, { seed: 9 }, { at: 0 });
    room.moveKeyframe(walk, w[2]!, 0);
    room.renameChain(walk, "Stroll");
    room.deleteChain(run);
    room.addChain({ name: "New" });
    room.setFrameNumbering({ firstFrame: 0, timecodeStart: 3600 });
    const changed = room.content();
    expect(changed).not.toEqual(tuesday);

    const undo = createLocalUndo(room);
    room.restore(tuesday);
    expect(room.content()).toEqual(tuesday);
    expect(findDocProblem(room.doc)).toBeNull();
    // Undo covers the chains; the room's settings are outside anyone's undo, as always.
    undo.undo();
    expect(room.chains()).toEqual(changed.chains);
    undo.redo();
    expect(room.content()).toEqual(tuesday);
  });

  it("converges with a collaborator's concurrent edits: the restored state plus what they did meanwhile", () => {
    const { a, b, hold, release } = linked();
    const { walk, w, run, r } = twoChains(a);
    const tuesday = a.content();
    a.setTransition(walk, w[0]!, { frames: 96 });
    a.removeKeyframe(walk, w[2]!);

    hold();
    a.restore(tuesday);
    // Meanwhile, B re-labels a keyframe of the other chain and re-times one the restore does not touch.
    b.relabelKeyframe(run, r[0]!, "kick");
    b.setTransition(run, r[0]!, { frames: 12 });
    release();

    expect(b.content()).toEqual(a.content());
    const runChain = a.chain(run)!;
    expect(runChain.keyframes[0]!.label).toBe("kick");
    expect(runChain.transitions[0]!.frames).toBe(12);
    expect(a.chain(walk)).toEqual(tuesday.chains[0]);
  });

  it("brings one chain back as it was, where it was, or replaces its current state", () => {
    const room = new RoomDoc(new Y.Doc());
    const { walk, w, run } = twoChains(room);
    const tuesday = room.content();
    room.deleteChain(walk);
    room.setTransition(run, room.chain(run)!.keyframes[0]!.id, { frames: 5 });
    room.restoreChain(tuesday.chains[0]!, 0);
    expect(room.chains().map((c) => c.id)).toEqual([walk, run]);
    expect(room.chain(walk)).toEqual(tuesday.chains[0]);
    expect(room.chain(walk)!.keyframes.map((k) => k.id)).toEqual(w);
    // The other chain keeps today's edit.
    expect(room.chain(run)!.transitions[0]!.frames).toBe(5);
    room.restoreChain(tuesday.chains[1]!, 1);
    expect(room.chain(run)).toEqual(tuesday.chains[1]);
  });

  it("re-attaches notes whose keyframes come back: their anchors name the same ids", () => {
    const room = new RoomDoc(new Y.Doc());
    const { walk, w } = twoChains(room);
    const tuesday = room.content();
    const onThird = { kind: "keyframe" as const, chainId: walk, keyframeId: w[2]! };
    const between = { kind: "transition" as const, chainId: walk, fromKeyframeId: w[1]!, t: 0.5 };
    const frames = () => [anchorFrame(room.chains(), onThird), anchorFrame(room.chains(), between)];
    const before = frames();
    room.removeKeyframe(walk, w[2]!);
    room.removeKeyframe(walk, w[1]!);
    expect(frames()).toEqual([null, null]);
    room.restore(tuesday);
    expect(frames()).toEqual(before);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])("restores exactly after random edits (seed %i)", (seed) => {
    const random = seeded(seed);
    const room = new RoomDoc(new Y.Doc());
    twoChains(room);
    for (let i = 0; i < 20; i++) randomEdit(room, random);
    const version = room.content();
    for (let i = 0; i < 30; i++) randomEdit(room, random);
    room.restore(version);
    expect(room.content()).toEqual(version);
    expect(findDocProblem(room.doc)).toBeNull();
  });
});

describe("what changed between two versions", () => {
  it("says which chains and keyframes were added, removed, changed, moved, re-timed and reshaped", () => {
    const room = new RoomDoc(new Y.Doc());
    const { walk, w, run, r } = twoChains(room);
    const before = room.chains();
    expect(documentSize(before)).toEqual({ chains: 2, keyframes: 5, frames: 24 + 60 + 1 + 60 + 1 });

    room.setTransition(walk, w[0]!, { frames: 30 });
    room.setTransition(walk, w[1]!, { easing: "ease-in" });
    room.setKeyframeLatent(walk, w[1]!, { seed: 20 });
    const added = room.addKeyframe(walk, { seed: 7 })!;
    room.moveKeyframe(walk, w[2]!, 0);
    room.removeKeyframe(run, r[1]!);
    room.renameChain(run, "Sprint");
    const fresh = room.addChain({ name: "Fresh" });
    const after = room.chains();

    const diffs = diffChains(before, after);
    expect(diffs.map((d) => [d.name, d.change])).toEqual([
      ["Walk", "changed"],
      ["Sprint", "changed"],
      ["Fresh", "added"],
    ]);
    const walkDiff = diffs[0]!;
    // w2 moved before w0 and w1: it alone moved, not the two that kept their order.
    expect(walkDiff.keyframes).toEqual({ added: [added], removed: [], changed: [w[1]], moved: [w[2]] });
    expect(walkDiff.retimed).toEqual([{ fromKeyframeId: w[0], before: 24, after: 30 }]);
    expect(walkDiff.reshaped).toEqual([w[1]]);
    expect(diffs[1]).toMatchObject({ settings: ["name"], keyframes: { removed: [r[1]] } });
    expect(diffs[2]!.id).toBe(fresh);

    const removed = diffChains(after, before);
    expect(removed.find((d) => d.id === fresh)?.change).toBe("removed");
    expect(diffChains(after, after).every((d) => d.change === "same")).toBe(true);

    const counts = countChanges(diffs);
    expect(counts).toEqual({ chainsAdded: 1, chainsRemoved: 0, keyframesAdded: 1, keyframesRemoved: 1, keyframesChanged: 2, transitionsRetimed: 1 });
    expect(describeChanges(counts)).toBe("1 chain added, 1 keyframe added, 1 keyframe removed, 2 keyframes changed, 1 transition re-timed");
    expect(describeChanges(countChanges([]))).toBe("no changes");
  });
});
