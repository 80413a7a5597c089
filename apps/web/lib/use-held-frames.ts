"use client";

import { useRef, useSyncExternalStore } from "react";
import type { FrameStore, ShownFrame } from "./frame-store";

const noSubscription = () => () => {};

/**
 * The held frames of these hashes (undefined where not here yet), read from the
 * browser's FrameStore. The component re-renders when one of *these* arrives or
 * goes, not when any other frame does: prefetch fills the store many times a second.
 */
export function useHeldFrames(store: FrameStore | null, hashes: readonly string[]): readonly (ShownFrame | undefined)[] {
  // The last answer, returned again while every frame in it is the same, as useSyncExternalStore requires.
  const last = useRef<readonly (ShownFrame | undefined)[]>([]);
  const read = () => {
    const now = hashes.map((hash) => store?.peek(hash));
    const before = last.current;
    if (now.length === before.length && now.every((frame, i) => frame === before[i])) return before;
    last.current = now;
    return now;
  };
  return useSyncExternalStore(store?.subscribe ?? noSubscription, read, read);
}

/** One held frame, or undefined; no hash, no frame. */
export function useHeldFrame(store: FrameStore | null, hash: string | null): ShownFrame | undefined {
  return useHeldFrames(store, hash === null ? NONE : [hash])[0];
}

const NONE: readonly string[] = [];
