"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { chainFrameCount, type Chain } from "@umbra/doc";
import type { Peer } from "./use-room-doc";

export interface PlayheadState {
  chain: Chain | null;
  frame: number;
  total: number;
  playing: boolean;
  /** Playing, but the next frame has not arrived: playback waits for it. */
  buffering: boolean;
  /** Which way the playhead last moved: prefetch looks that way first. */
  direction: 1 | -1;
  /** The client id followed, or null. */
  following: number | null;
  followed: Peer | null;
  moveBy(delta: number): void;
  moveTo(frame: number): void;
  /** Home and End: the chain's first and last frame. */
  goToEnd(end: "first" | "last"): void;
  selectChain(id: string): void;
  /** A frame of any chain (a note's), leaving follow. */
  goTo(chainId: string, frame: number): void;
  togglePlay(): void;
  /** Plays forward (1) or backward (-1): J and L. */
  play(direction: 1 | -1): void;
  pause(): void;
  follow(clientId: number | null): void;
}

/**
 * This person's place in the room: the active chain, the playhead, playback at
 * the chain's fps, and following someone else's playhead. Playback only moves on
 * to a frame `isReady` says is here, so it waits (buffering) instead of showing a
 * wrong or missing frame. Moving the playhead yourself stops following.
 */
export function usePlayhead(chains: Chain[], peers: Peer[], isReady: (chain: Chain, frame: number) => boolean): PlayheadState {
  const [chainId, setChainId] = useState<string | null>(null);
  const [rawFrame, setFrame] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [playDirection, setPlayDirection] = useState<1 | -1>(1);
  const [buffering, setBuffering] = useState(false);
  const [direction, setDirection] = useState<1 | -1>(1);
  const [following, setFollowing] = useState<number | null>(null);
  const followed = peers.find((p) => p.clientId === following) ?? null;
  const theirs = followed?.state.playhead;
  // While following, the playhead is theirs in this very render: no extra render through state.
  const chain = chains.find((c) => c.id === (theirs?.chainId ?? chainId)) ?? chains[0] ?? null;
  const total = chain ? chainFrameCount(chain) : 0;
  const frame = Math.min(theirs?.frame ?? rawFrame, Math.max(0, total - 1));
  // The playback timer reads the latest of these without restarting.
  const latest = useRef({ frame, isReady });
  latest.current = { frame, isReady };

  useEffect(() => {
    // The person we followed left.
    if (following !== null && !followed) setFollowing(null);
  }, [following, followed]);

  // Keep our own playhead where theirs is, so it stays there when following stops.
  const previousTheirs = useRef<number | null>(null);
  useEffect(() => {
    if (!theirs) {
      previousTheirs.current = null;
      return;
    }
    const before = previousTheirs.current;
    if (before !== null && theirs.frame !== before) setDirection(theirs.frame > before ? 1 : -1);
    previousTheirs.current = theirs.frame;
    setChainId(theirs.chainId);
    setFrame(theirs.frame);
    setPlaying(false);
    // Track the values, not the object: awareness makes a new one for every change.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- as said above
  }, [theirs?.chainId, theirs?.frame]);

  useEffect(() => {
    if (!playing || !chain || total < 2) return;
    setDirection(playDirection);
    const timer = setInterval(() => {
      const next = (latest.current.frame + playDirection + total) % total;
      const ready = latest.current.isReady(chain, next);
      setBuffering(!ready);
      if (ready) setFrame(next);
    }, 1000 / chain.fps);
    return () => {
      clearInterval(timer);
      setBuffering(false);
    };
  }, [playing, playDirection, chain, total]);

  const clamp = useCallback((n: number) => Math.min(Math.max(0, total - 1), Math.max(0, Math.round(n))), [total]);
  const moveTo = (n: number) => {
    setFollowing(null);
    const target = clamp(n);
    if (target !== frame) setDirection(target > frame ? 1 : -1);
    setFrame(target);
  };
  return {
    chain,
    frame,
    total,
    playing,
    buffering,
    direction,
    following,
    followed,
    moveBy: (delta) => moveTo(frame + delta),
    moveTo,
    goToEnd: (end) => moveTo(end === "first" ? 0 : total - 1),
    selectChain: (id) => {
      setFollowing(null);
      setChainId(id);
      setFrame(0);
    },
    goTo: (id, n) => {
      setFollowing(null);
      if (id === chain?.id && n !== frame) setDirection(n > frame ? 1 : -1);
      setChainId(id);
      // Clamped to the chain when read, like every frame.
      setFrame(Math.max(0, Math.round(n)));
    },
    togglePlay: () => {
      setFollowing(null);
      setPlayDirection(1);
      setPlaying((p) => !p);
    },
    play: (way) => {
      setFollowing(null);
      setPlayDirection(way);
      setPlaying(true);
    },
    pause: () => setPlaying(false),
    follow: setFollowing,
  };
}
