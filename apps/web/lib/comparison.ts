import { chainFrameCount, frameRecipeAt, keyframeStarts, locateFrame, type Chain } from "@umbra/doc";
import type { FrameRecipe } from "@umbra/latent";

export interface ComparedFrame {
  label: string;
  recipe: FrameRecipe;
}

/** How two versions' frames stand: side by side, or one over the other with a wipe between. */
export type VersionsLayout = "side" | "wipe";

/**
 * What the A/B view shows: the current transition's two keyframes, this frame in
 * another snapshot, frames a note chose (then and now; the pinned frame at full size),
 * or the playhead's frame in an earlier version of the room beside the one shown
 * (History's compare: one playhead drives both).
 */
export type CompareMode =
  | { kind: "ends" }
  | { kind: "snapshot"; snapshot: string }
  | { kind: "frames"; frames: ComparedFrame[] }
  | { kind: "versions"; earlier: { label: string; chains: Chain[] }; later: string; layout: VersionsLayout };

/** The recipes of a comparison at a playhead, or null when the chain cannot make them. */
export function comparedFrames(chain: Chain | null, frame: number, model: string, overrides: Partial<FrameRecipe>, mode: CompareMode): ComparedFrame[] | null {
  if (mode.kind === "frames") return mode.frames;
  if (!chain) return null;
  if (mode.kind === "versions") {
    const later = frameRecipeAt(chain, frame, model, overrides);
    if (!later) return null;
    const then = mode.earlier.chains.find((c) => c.id === chain.id);
    // The same frame number of the chain as it was, or its last frame when it was shorter then.
    const earlier = then && frameRecipeAt(then, Math.min(frame, chainFrameCount(then) - 1), model, overrides);
    if (!earlier) return [{ label: `${mode.later} · this chain is not in ${mode.earlier.label}`, recipe: later }];
    return [
      { label: mode.earlier.label, recipe: earlier },
      { label: mode.later, recipe: later },
    ];
  }
  if (mode.kind === "snapshot") {
    const a = frameRecipeAt(chain, frame, model, overrides);
    if (!a) return null;
    return [
      { label: `A · ${chain.snapshot}`, recipe: a },
      { label: `B · ${mode.snapshot}`, recipe: { ...a, snapshot: mode.snapshot } },
    ];
  }
  const at = locateFrame(chain, frame);
  if (!at || chain.keyframes.length < 2) return null;
  const source = Math.min(at.transition, chain.keyframes.length - 2);
  const starts = keyframeStarts(chain);
  const a = frameRecipeAt(chain, starts[source]!, model, overrides);
  const b = frameRecipeAt(chain, starts[source + 1]!, model, overrides);
  if (!a || !b) return null;
  return [
    { label: `A · source (keyframe ${source + 1})`, recipe: a },
    { label: `B · destination (keyframe ${source + 2})`, recipe: b },
  ];
}
