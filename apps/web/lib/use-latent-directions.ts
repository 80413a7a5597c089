"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Keyframe } from "@umbra/doc";
import { decodeLatentBase64, type LatentDirection, type LatentRef, type LatentVector } from "@umbra/latent";
import { EVENTS, directionsLoadAckSchema } from "@umbra/protocol";
import type { RoomSocket } from "./use-room-frames";

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
 * The basis of the Directions panel for one keyframe, from the hub: asked for again
 * when another keyframe or snapshot is chosen, or someone else changes its latent.
 */
export function useLatentDirections(socket: RoomSocket | null, roomId: string, target: { snapshot: string; keyframe: Keyframe } | null): LatentDirections {
  const [state, setState] = useState<{ key: string; basis: DirectionBasis | null; problem: string | null } | null>(null);
  const own = useRef<string | null>(null);
  const loadedKey = useRef<string | null>(null);
  const key = target ? `${target.snapshot}\u0000${target.keyframe.id}` : null;
  const latentText = target ? JSON.stringify(target.keyframe.latent) : null;

  useEffect(() => {
    if (!socket || !target || key === null) {
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
    socket.emit(EVENTS.directionsLoad, { roomId, snapshot, latent: keyframe.latent }, (answer) => {
      if (!current) return;
      const parsed = directionsLoadAckSchema.safeParse(answer);
      if (!parsed.success) return setState({ key, basis: null, problem: "The server's directions could not be read." });
      if (!parsed.data.ok) return setState({ key, basis: null, problem: `No directions: ${parsed.data.error.message}` });
      const directions = parsed.data.directions.map((d) => ({ vector: decodeLatentBase64(d.vector), sigma: d.sigma }));
      setState({ key, basis: { keyframeId: keyframe.id, original: keyframe.latent, base: decodeLatentBase64(parsed.data.w), directions }, problem: null });
    });
    return () => {
      current = false;
    };
    // The key and the latent's text decide; `target` is a new object each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- as said above
  }, [socket, roomId, key, latentText]);

  const ownWrite = useCallback((latent: LatentRef) => {
    own.current = JSON.stringify(latent);
  }, []);
  const shown = state && state.key === key ? state : null;
  return { basis: shown?.basis ?? null, loading: shown !== null && !shown.basis && !shown.problem, problem: shown?.problem ?? null, ownWrite };
}
