"use client";

import { useRef, useSyncExternalStore } from "react";

/** What a store offers React: a snapshot, and a way to hear that it changed. */
export interface ReadableStore<S> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): S;
}

const noSubscription = () => () => {};

/**
 * The part of a store's state a component shows: it re-renders when that part
 * changes (by `isEqual`), not whenever the store does. A playhead move then renders
 * what shows the playhead, and nothing else. `fallback` stands in while there is no store.
 */
export function useStore<S, T>(store: ReadableStore<S> | null, select: (state: S) => T, fallback: T, isEqual: (a: T, b: T) => boolean = Object.is): T {
  // The last answer, returned again while equal, as useSyncExternalStore requires of a snapshot.
  const last = useRef<{ value: T } | null>(null);
  const read = () => {
    const value = store ? select(store.getSnapshot()) : fallback;
    if (last.current && isEqual(last.current.value, value)) return last.current.value;
    last.current = { value };
    return value;
  };
  return useSyncExternalStore(store?.subscribe ?? noSubscription, read, read);
}

/** Two objects with the same keys whose values are each the same. */
export function shallowEqual<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((key) => Object.is(a[key], b[key]));
}
