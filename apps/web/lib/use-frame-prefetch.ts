"use client";

import { useEffect, useRef } from "react";
import { frameRecipeAt, type Chain } from "@umbra/doc";
import type { FrameRecipe } from "@umbra/latent";

/** Frames fetched ahead of the playhead (a second at 24 fps), and kept behind it. */
export const PREFETCH_AHEAD = 24;
export const PREFETCH_BEHIND = 4;
/** The list goes out at most this often; each one replaces the last. */
const PREFETCH_INTERVAL_MS = 150;

/**
 * The frames around a playhead, in the order they are wanted: the frame itself,
 * then ahead in the direction of motion (wrapping, as playback loops), then behind.
 */
export function prefetchWindow(chain: Chain, frame: number, total: number, direction: 1 | -1, model: string, overrides: Partial<FrameRecipe>): FrameRecipe[] {
  const indices = [frame];
  for (let i = 1; i <= PREFETCH_AHEAD && i < total; i++) indices.push((((frame + direction * i) % total) + total) % total);
  for (let i = 1; i <= PREFETCH_BEHIND; i++) {
    const behind = frame - direction * i;
    if (behind >= 0 && behind < total && !indices.includes(behind)) indices.push(behind);
  }
  return indices.flatMap((n) => frameRecipeAt(chain, n, model, overrides) ?? []);
}

/** Keeps the hub fetching the frames around this person's playhead (their own, or the one they follow). */
export function useFramePrefetch(
  prefetch: (recipes: FrameRecipe[]) => void,
  enabled: boolean,
  chain: Chain | null,
  frame: number,
  total: number,
  direction: 1 | -1,
  model: string,
  overrides: Partial<FrameRecipe>,
): void {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const last = useRef(0);
  const latest = useRef<() => void>(() => {});
  latest.current = () => {
    if (enabled && chain && total > 0) prefetch(prefetchWindow(chain, frame, total, direction, model, overrides));
  };

  useEffect(() => {
    if (!enabled || !chain) return;
    // Throttled, always ending on the newest window.
    timer.current ??= setTimeout(
      () => {
        timer.current = undefined;
        last.current = performance.now();
        latest.current();
      },
      Math.max(0, PREFETCH_INTERVAL_MS - (performance.now() - last.current)),
    );
  }, [enabled, chain, frame, total, direction, model, overrides]);

  useEffect(() => () => clearTimeout(timer.current), []);
}
