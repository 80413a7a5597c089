import { ease, pinnedLook, type FrameRecipe, type PinnedLook } from "@umbra/latent";
import type { Chain } from "./schema.js";
import { frameRecipeAt, keyframeStarts, locateFrame } from "./timeline.js";

/**
 * Where a review note is pinned: on a keyframe, or at local t (before easing) of
 * the transition leaving a keyframe. Ids, not frame numbers, so the note follows
 * its frame through re-timing and reordering.
 */
export type FrameAnchor =
  | { kind: "keyframe"; chainId: string; keyframeId: string }
  | { kind: "transition"; chainId: string; fromKeyframeId: string; t: number };

/**
 * - attached: the anchor's frame is the one pinned;
 * - moved: it is there, but the image changed (easing, interpolation, ψ or an end's latent);
 * - orphaned: its chain or keyframes are gone; it has no frame.
 */
export type AnchorState = "attached" | "moved" | "orphaned";

export interface PlacedAnchor {
  state: AnchorState;
  /** The chain frame nearest the anchor today; null when orphaned. */
  frame: number | null;
}

/** The anchor of a chain's frame: the keyframe on a keyframe's frame, else the transition and t. */
export function anchorAt(chain: Chain, frame: number): FrameAnchor | null {
  const at = locateFrame(chain, frame);
  if (!at) return null;
  const keyframe = chain.keyframes[at.transition]!;
  return at.local === 0
    ? { kind: "keyframe", chainId: chain.id, keyframeId: keyframe.id }
    : { kind: "transition", chainId: chain.id, fromKeyframeId: keyframe.id, t: at.t };
}

/**
 * The recipe at an anchor in today's chains, drawn as `pinned` was (its view and
 * size), with the room's `overrides` (its ψ); null when the anchor is orphaned.
 * Also where that is, as the nearest frame.
 */
export function anchorRecipe(chains: readonly Chain[], anchor: FrameAnchor, pinned: Omit<PinnedLook, "image">, overrides: Partial<FrameRecipe> = {}): { recipe: FrameRecipe; frame: number } | null {
  const chain = chains.find((c) => c.id === anchor.chainId);
  if (!chain) return null;
  const starts = keyframeStarts(chain);
  const index = chain.keyframes.findIndex((k) => k.id === (anchor.kind === "keyframe" ? anchor.keyframeId : anchor.fromKeyframeId));
  if (index < 0) return null;
  const transition = chain.transitions[index];
  if (anchor.kind === "transition" && (index >= chain.keyframes.length - 1 || !transition)) return null;
  const presentation = { ...overrides, view: pinned.view, width: pinned.width, height: pinned.height, ...(pinned.shadows ? { shadows: pinned.shadows } : {}) };
  const start = frameRecipeAt(chain, starts[index]!, pinned.model, presentation)!;
  if (anchor.kind === "keyframe") return { recipe: start, frame: starts[index]! };
  const frames = transition!.frames;
  return { recipe: { ...start, t: ease(transition!.easing, anchor.t) }, frame: starts[index]! + Math.min(frames - 1, Math.round(anchor.t * frames)) };
}

/** Where an anchor sits in today's chains, and whether the image there is still the one `pinned` shows. */
export function placeAnchor(chains: readonly Chain[], anchor: FrameAnchor, pinned: PinnedLook, overrides: Partial<FrameRecipe> = {}): PlacedAnchor {
  const today = anchorRecipe(chains, anchor, pinned, overrides);
  if (!today) return { state: "orphaned", frame: null };
  return { state: pinnedLook(today.recipe).image === pinned.image ? "attached" : "moved", frame: today.frame };
}
