import { frameRecipeAt, keyframeStarts, locateFrame, type Chain } from "@umbra/doc";
import type { FrameRecipe } from "@umbra/latent";

export interface ComparedFrame {
  label: string;
  recipe: FrameRecipe;
}

/**
 * What the A/B view shows: the current transition's two keyframes, this frame in
 * another snapshot, or frames a note chose (then and now; the pinned frame at full size).
 */
export type CompareMode = { kind: "ends" } | { kind: "snapshot"; snapshot: string } | { kind: "frames"; frames: ComparedFrame[] };

/** The recipes of a comparison at a playhead, or null when the chain cannot make them. */
export function comparedFrames(chain: Chain | null, frame: number, model: string, overrides: Partial<FrameRecipe>, mode: CompareMode): ComparedFrame[] | null {
  if (mode.kind === "frames") return mode.frames;
  if (!chain) return null;
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
