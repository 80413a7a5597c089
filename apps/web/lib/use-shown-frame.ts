"use client";

import { useEffect, useMemo, useState } from "react";
import { frameRecipeAt } from "@umbra/doc";
import { recipeHash, seedFrameRecipe, type FrameRecipe } from "@umbra/latent";
import type { ShownFrame } from "./frame-store";
import { usePlayheadValue, useStudio } from "./studio-context";
import { useHeldFrame } from "./use-held-frames";
import { shallowEqual } from "./use-store";

export interface ShownFrameState {
  /** The chain frame at the playhead, or null without a chain. */
  playheadRecipe: FrameRecipe | null;
  /** What the screen should show: the scratch seed's frame, else the playhead's. */
  shownRecipe: FrameRecipe | null;
  shownHash: string | null;
  /** The frame on screen: the wanted one once here, else the last one that was. */
  shown: ShownFrame | null;
  /** The wanted frame has not arrived yet. */
  waiting: boolean;
}

/**
 * The frame this person sees: at their playhead (or the one they follow), or a
 * scratch seed's, with the last frame held on screen until the wanted one arrives.
 * Re-renders its component as the playhead moves and when that frame arrives.
 */
export function useShownFrame(): ShownFrameState {
  const { room, overrides, frames } = useStudio();
  const { chain, frame, scratch } = usePlayheadValue((s) => ({ chain: s.chain, frame: s.frame, scratch: s.scratch }), shallowEqual);
  const playheadRecipe = useMemo(() => (chain ? frameRecipeAt(chain, frame, room.model, overrides) : null), [chain, frame, room.model, overrides]);
  const shownRecipe = useMemo(() => (scratch !== null ? seedFrameRecipe(room.model, scratch, overrides) : playheadRecipe), [scratch, room.model, overrides, playheadRecipe]);
  const shownHash = useMemo(() => (shownRecipe ? recipeHash(shownRecipe) : null), [shownRecipe]);
  const atShown = useHeldFrame(frames.store, shownHash);
  const [lastShown, setLastShown] = useState<ShownFrame | null>(null);
  useEffect(() => {
    if (atShown) setLastShown(atShown);
  }, [atShown]);
  return { playheadRecipe, shownRecipe, shownHash, shown: atShown ?? lastShown, waiting: shownHash !== null && !atShown };
}
