import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { anchorAt, placeAnchor } from "./frame-anchor.js";
import { pinnedLook } from "@umbra/latent";
import { RoomDoc } from "./room-doc.js";
import { frameRecipeAt } from "./timeline.js";

const MODEL = "builtin/cppn";

/** A chain of seeds 1, 2, 3 with 24 frames between each, and a note pinned at `frame`. */
function pinned(frame: number) {
  const room = new RoomDoc(new Y.Doc());
  const chainId = room.addChain();
  const ids = [1, 2, 3].map((seed) => room.addKeyframe(chainId, { seed })!);
  for (const id of ids.slice(0, 2)) room.setTransition(chainId, id, { frames: 24 });
  const chain = room.chain(chainId)!;
  const anchor = anchorAt(chain, frame)!;
  const recipe = frameRecipeAt(chain, frame, MODEL, { view: "shadows", width: 512, height: 512 })!;
  const place = () => placeAnchor(room.chains(), anchor, pinnedLook(recipe));
  return { room, chainId, ids, anchor, place };
}

describe("notes pinned to a chain survive its edits", () => {
  it("pins a keyframe's frame to the keyframe, and any other frame to its transition and t", () => {
    const { anchor, chainId, ids, room } = pinned(24);
    expect(anchor).toEqual({ kind: "keyframe", chainId, keyframeId: ids[1] });
    expect(anchorAt(room.chain(chainId)!, 36)).toEqual({ kind: "transition", chainId, fromKeyframeId: ids[1], t: 0.5 });
    expect(pinned(36).place()).toEqual({ state: "attached", frame: 36 });
  });

  it("moves with a re-timed transition: t = 0.5 of 24 → 48 frames goes from frame 12 to 24, still attached", () => {
    const { room, chainId, ids, place } = pinned(12);
    expect(place()).toEqual({ state: "attached", frame: 12 });
    room.setTransition(chainId, ids[0]!, { frames: 48 });
    expect(place()).toEqual({ state: "attached", frame: 24 });
  });

  it("stays on the same recipe when a keyframe is relabelled or transitions elsewhere are reordered or re-timed", () => {
    const { room, chainId, ids, place } = pinned(30);
    room.relabelKeyframe(chainId, ids[1]!, "turn");
    room.setTransition(chainId, ids[0]!, { frames: 10 });
    expect(place()).toEqual({ state: "attached", frame: 16 });
    // Keyframe 1 moves to the end: the pinned transition (2 → 3) now starts the chain.
    room.moveKeyframe(chainId, ids[0]!, 2);
    expect(place()).toEqual({ state: "attached", frame: 6 });
  });

  it("becomes moved, at the same t, when the easing, interpolation or an end's latent changes", () => {
    for (const change of ["easing", "interpolation", "latent"] as const) {
      const { room, chainId, ids, place } = pinned(30);
      if (change === "easing") room.setTransition(chainId, ids[1]!, { easing: "ease-in-out" });
      if (change === "interpolation") room.setTransition(chainId, ids[1]!, { interpolation: "lerp" });
      if (change === "latent") room.setKeyframeLatent(chainId, ids[2]!, { seed: 99 });
      expect([change, place()]).toEqual([change, { state: "moved", frame: 30 }]);
    }
  });

  it("keeps a keyframe note attached when only the next keyframe changes, since it does not show on that frame", () => {
    const { room, chainId, ids, place } = pinned(24);
    room.setKeyframeLatent(chainId, ids[2]!, { seed: 77 });
    expect(place()).toEqual({ state: "attached", frame: 24 });
    room.setKeyframeLatent(chainId, ids[1]!, { seed: 78 });
    expect(place()).toEqual({ state: "moved", frame: 24 });
  });

  it("is orphaned when its keyframes are deleted, or its chain is, and never lands on another frame", () => {
    const both = pinned(30);
    both.room.removeKeyframe(both.chainId, both.ids[1]!);
    both.room.removeKeyframe(both.chainId, both.ids[2]!);
    expect(both.place()).toEqual({ state: "orphaned", frame: null });
    // The source alone going is enough; the destination alone going changes the image.
    const source = pinned(30);
    source.room.removeKeyframe(source.chainId, source.ids[1]!);
    expect(source.place()).toEqual({ state: "orphaned", frame: null });
    const destination = pinned(30);
    destination.room.removeKeyframe(destination.chainId, destination.ids[2]!);
    expect(destination.place()).toEqual({ state: "orphaned", frame: null });
    const chain = pinned(24);
    chain.room.deleteChain(chain.chainId);
    expect(chain.place()).toEqual({ state: "orphaned", frame: null });
  });

  it("stays with the original when its chain is duplicated", () => {
    const { room, chainId, anchor, place } = pinned(30);
    const copy = room.duplicateChain(chainId)!;
    expect(anchor.chainId).toBe(chainId);
    room.deleteChain(copy);
    expect(place()).toEqual({ state: "attached", frame: 30 });
  });
});
