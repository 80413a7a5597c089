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

/** Where an anchor is in today's chains: its chain, the index of its keyframe, that keyframe's first frame, and the nearest frame; null when orphaned. */
function locateAnchor(chains: readonly Chain[], anchor: FrameAnchor): { chain: Chain; index: number; start: number; frame: number } | null {
  const chain = chains.find((c) => c.id === anchor.chainId);
  if (!chain) return null;
  const index = chain.keyframes.findIndex((k) => k.id === (anchor.kind === "keyframe" ? anchor.keyframeId : anchor.fromKeyframeId));
  if (index < 0) return null;
  const start = keyframeStarts(chain)[index]!;
  if (anchor.kind === "keyframe") return { chain, index, start, frame: start };
  const transition = chain.transitions[index];
  if (index >= chain.keyframes.length - 1 || !transition) return null;
  return { chain, index, start, frame: start + Math.min(transition.frames - 1, Math.round(anchor.t * transition.frames)) };
}

/** The chain frame nearest an anchor today, null when orphaned: cheap, with no recipe built (a timeline of thousands of notes). */
export function anchorFrame(chains: readonly Chain[], anchor: FrameAnchor): number | null {
  return locateAnchor(chains, anchor)?.frame ?? null;
}

/**
 * The recipe at an anchor in today's chains, drawn as `pinned` was (its view and
 * size), with the room's `overrides` (its ψ); null when the anchor is orphaned.
 * Also where that is, as the nearest frame.
 */
export function anchorRecipe(chains: readonly Chain[], anchor: FrameAnchor, pinned: Omit<PinnedLook, "image">, overrides: Partial<FrameRecipe> = {}): { recipe: FrameRecipe; frame: number } | null {
  const at = locateAnchor(chains, anchor);
  if (!at) return null;
  const presentation = { ...overrides, view: pinned.view, width: pinned.width, height: pinned.height, ...(pinned.shadows ? { shadows: pinned.shadows } : {}) };
  const start = frameRecipeAt(at.chain, at.start, pinned.model, presentation)!;
  if (anchor.kind === "keyframe") return { recipe: start, frame: at.frame };
  return { recipe: { ...start, t: ease(at.chain.transitions[at.index]!.easing, anchor.t) }, frame: at.frame };
}

/** Where an anchor sits in today's chains, and whether the image there is still the one `pinned` shows. */
export function placeAnchor(chains: readonly Chain[], anchor: FrameAnchor, pinned: PinnedLook, overrides: Partial<FrameRecipe> = {}): PlacedAnchor {
  const today = anchorRecipe(chains, anchor, pinned, overrides);
  if (!today) return { state: "orphaned", frame: null };
  return { state: pinnedLook(today.recipe).image === pinned.image ? "attached" : "moved", frame: today.frame };
}
