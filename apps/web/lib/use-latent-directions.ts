"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Keyframe } from "@umbra/doc";
import type { LatentDirection, LatentRef, LatentVector } from "@umbra/latent";
import type { RoomConnection } from "./room-client/room-connection";

type DirectionsLoad = RoomConnection["loadDirections"];

/** What the sliders move a keyframe from: its latent when chosen, that latent's w, and the directions. */
export interface DirectionBasis {
  keyframeId: string;
  original: LatentRef;
  base: LatentVector;
  directions: LatentDirection[];
}

export interface LatentDirections {
  basis: DirectionBasis | null;
  loading: boolean;
  problem: string | null;
  /** Says a latent is this browser's own nudge, so writing it keeps the basis (and the sliders) as they are. */
  ownWrite(latent: LatentRef): void;
}

/**
 * The basis of the Directions panel for one keyframe, from the hub (through
 * `load`, the room connection's): asked for again when another keyframe or snapshot
 * is chosen, or someone else changes its latent.
 */
export function useLatentDirections(load: DirectionsLoad | null, target: { snapshot: string; keyframe: Keyframe } | null): LatentDirections {
  const [state, setState] = useState<{ key: string; basis: DirectionBasis | null; problem: string | null } | null>(null);
  const own = useRef<string | null>(null);
  const loadedKey = useRef<string | null>(null);
  const key = target ? `${target.snapshot}\u0000${target.keyframe.id}` : null;
  const latentText = target ? JSON.stringify(target.keyframe.latent) : null;

  useEffect(() => {
    if (!load || !target || key === null) {
      loadedKey.current = null;
      setState(null);
      return;
    }
    // This browser's own nudges change the latent; the basis they were made from stays.
    if (loadedKey.current === key && latentText === own.current) return;
    own.current = null;
    loadedKey.current = key;
    const { keyframe, snapshot } = target;
    let current = true;
    setState({ key, basis: null, problem: null });
    void load(snapshot, keyframe.latent).then((answer) => {
      if (!current) return;
      setState(answer.ok ? { key, basis: { keyframeId: keyframe.id, original: keyframe.latent, base: answer.w, directions: answer.directions }, problem: null } : { key, basis: null, problem: answer.problem });
    });
    return () => {
      current = false;
    };
    // The key and the latent's text decide; `target` is a new object each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- as said above
  }, [load, key, latentText]);

  const ownWrite = useCallback((latent: LatentRef) => {
    own.current = JSON.stringify(latent);
  }, []);
  const shown = state && state.key === key ? state : null;
  return { basis: shown?.basis ?? null, loading: shown !== null && !shown.basis && !shown.problem, problem: shown?.problem ?? null, ownWrite };
}
