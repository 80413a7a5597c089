"use client";

import type { FrameStore, ShownFrame } from "./frame-store";
import { useStore } from "./use-store";

const NONE: readonly string[] = [];
const NOTHING_HELD: readonly (ShownFrame | undefined)[] = [];
const sameFrames = (a: readonly (ShownFrame | undefined)[], b: readonly (ShownFrame | undefined)[]) => a.length === b.length && a.every((frame, i) => frame === b[i]);

/**
 * The held frames of these hashes (undefined where not here yet), read from the
 * browser's FrameStore. The component re-renders when one of *these* arrives or
 * goes, not when any other frame does: prefetch fills the store many times a second.
 */
export function useHeldFrames(store: FrameStore | null, hashes: readonly string[]): readonly (ShownFrame | undefined)[] {
  return useStore(store, (held) => hashes.map((hash) => held.peek(hash)), NOTHING_HELD, sameFrames);
}

/** One held frame, or undefined; no hash, no frame. */
export function useHeldFrame(store: FrameStore | null, hash: string | null): ShownFrame | undefined {
  return useHeldFrames(store, hash === null ? NONE : [hash])[0];
}
