"use client";

import { useCallback, useEffect, useState } from "react";
import { chainFrameCount, type Chain } from "@umbra/doc";
import type { Peer } from "./use-room-doc";

export interface PlayheadState {
  chain: Chain | null;
  frame: number;
  total: number;
  playing: boolean;
  /** The client id followed, or null. */
  following: number | null;
  followed: Peer | null;
  moveBy(delta: number): void;
  moveTo(frame: number): void;
  selectChain(id: string): void;
  togglePlay(): void;
  follow(clientId: number | null): void;
}

/**
 * This person's place in the room: the active chain, the playhead, playback at
 * the chain's fps, and following someone else's playhead. Moving the playhead
 * yourself stops following.
 */
export function usePlayhead(chains: Chain[], peers: Peer[]): PlayheadState {
  const [chainId, setChainId] = useState<string | null>(null);
  const [rawFrame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [following, setFollowing] = useState<number | null>(null);
  const chain = chains.find((c) => c.id === chainId) ?? chains[0] ?? null;
  const total = chain ? chainFrameCount(chain) : 0;
  const frame = Math.min(rawFrame, Math.max(0, total - 1));
  const followed = peers.find((p) => p.clientId === following) ?? null;
  const theirs = followed?.state.playhead;

  useEffect(() => {
    // The person we followed left.
    if (following !== null && !followed) setFollowing(null);
  }, [following, followed]);

  useEffect(() => {
    if (!theirs) return;
    setChainId(theirs.chainId);
    setFrame(theirs.frame);
    setPlaying(false);
    // Track the values, not the object: awareness makes a new one for every change.
  }, [theirs?.chainId, theirs?.frame]);

  useEffect(() => {
    if (!playing || !chain || total < 2) return;
    const timer = setInterval(() => setFrame((f) => (f + 1) % total), 1000 / chain.fps);
    return () => clearInterval(timer);
  }, [playing, chain, total]);

  const clamp = useCallback((n: number) => Math.min(Math.max(0, total - 1), Math.max(0, Math.round(n))), [total]);
  return {
    chain,
    frame,
    total,
    playing,
    following,
    followed,
    moveBy: (delta) => {
      setFollowing(null);
      setFrame((f) => clamp(Math.min(f, total - 1) + delta));
    },
    moveTo: (n) => {
      setFollowing(null);
      setFrame(clamp(n));
    },
    selectChain: (id) => {
      setFollowing(null);
      setChainId(id);
      setFrame(0);
    },
    togglePlay: () => {
      setFollowing(null);
      setPlaying((p) => !p);
    },
    follow: setFollowing,
  };
}
