import { chainFrameCount, type Chain } from "@umbra/doc";
import type { Peer } from "./room-doc-connection";
import { SnapshotStore } from "./snapshot-store";

/** Where this person looks, as the studio shows it; a new object only when some of it changes. */
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
  /** The scratch frame's seed on screen instead of the chain's frame (yours, or the one you follow shows); null when none. */
  scratch: number | null;
  /** Your own scratch seed, which your presence shares. */
  ownScratch: number | null;
}

/** Whether the frame at `frame` of `chain` is in this browser, so playback may show it. */
export type FrameReadiness = (chain: Chain, frame: number) => boolean;

const START: PlayheadState = { chain: null, frame: 0, total: 0, playing: false, buffering: false, direction: 1, following: null, scratch: null, ownScratch: null };

/**
 * This person's place in the room, without React: the active chain, the playhead,
 * playback at the chain's fps, following someone else's playhead, and a scratch
 * frame shown until the playhead moves. Playback only moves on to a frame `ready`
 * says is here, so it waits (buffering) instead of showing a wrong or missing frame.
 * Moving the playhead yourself stops following. Components read it through
 * selectors, so a playhead move renders only what shows the playhead.
 */
export class PlayheadStore extends SnapshotStore<PlayheadState> {
  private chains: Chain[] = [];
  private peers: Peer[] = [];
  private chainId: string | null = null;
  private ownFrame = 0;
  private playDirection: 1 | -1 = 1;
  private timer: ReturnType<typeof setInterval> | undefined;
  /** What the playback timer runs for: it restarts when this changes. */
  private timerFor = "";
  /** The followed playhead last seen, to tell which way it moves. */
  private theirsBefore: number | null = null;

  constructor(private ready: FrameReadiness = () => true) {
    super(START);
  }

  /** The chains and the people here, as the document has them now. */
  setSources(chains: Chain[], peers: Peer[]): void {
    this.chains = chains;
    this.peers = peers;
    this.settle({});
  }

  /** Which frames are here changes with the model and view; playback asks it each tick. */
  setReadiness(ready: FrameReadiness): void {
    this.ready = ready;
  }

  moveTo(n: number): void {
    const { frame, total } = this.getSnapshot();
    const target = Math.min(Math.max(0, total - 1), Math.max(0, Math.round(n)));
    this.ownFrame = target;
    this.settle({ following: null, ...(target !== frame ? { direction: target > frame ? 1 : -1 } : {}) });
  }

  moveBy(delta: number): void {
    this.moveTo(this.getSnapshot().frame + delta);
  }

  /** Home and End: the chain's first and last frame. */
  goToEnd(end: "first" | "last"): void {
    this.moveTo(end === "first" ? 0 : this.getSnapshot().total - 1);
  }

  selectChain(id: string): void {
    this.chainId = id;
    this.ownFrame = 0;
    this.settle({ following: null });
  }

  /** A frame of any chain (a note's), leaving follow; clamped to the chain. */
  goTo(chainId: string, n: number): void {
    const { chain, frame } = this.getSnapshot();
    const sameChain = chainId === chain?.id;
    this.chainId = chainId;
    this.ownFrame = Math.max(0, Math.round(n));
    this.settle({ following: null, ...(sameChain && this.ownFrame !== frame ? { direction: this.ownFrame > frame ? 1 : -1 } : {}) });
  }

  togglePlay(): void {
    this.playDirection = 1;
    this.settle({ following: null, playing: !this.getSnapshot().playing });
  }

  /** Plays forward (1) or backward (-1): J and L. */
  play(way: 1 | -1): void {
    this.playDirection = way;
    this.settle({ following: null, playing: true });
  }

  pause(): void {
    this.settle({ playing: false });
  }

  follow(clientId: number | null): void {
    this.settle({ following: clientId });
  }

  /** Shows a seed's frame instead of the chain's, until the playhead moves; leaves follow. */
  showScratch(seed: number): void {
    this.settle({ following: null, ownScratch: seed });
  }

  close(): void {
    clearInterval(this.timer);
    this.timerFor = "";
    this.forgetListeners();
  }

  /** Applies a change and everything that follows from it, and publishes the result if anything differs. */
  private settle(patch: Partial<PlayheadState>): void {
    const before = this.getSnapshot();
    let { following, playing, direction, ownScratch, buffering } = { ...before, ...patch };
    const followed = following === null ? null : (this.peers.find((p) => p.clientId === following) ?? null);
    // The person we followed left.
    if (!followed) following = null;
    const theirs = followed?.state.playhead ?? null;
    if (theirs) {
      // Our own playhead stays where theirs is, so it stays there when following stops.
      if (this.theirsBefore !== null && theirs.frame !== this.theirsBefore) direction = theirs.frame > this.theirsBefore ? 1 : -1;
      this.theirsBefore = theirs.frame;
      this.chainId = theirs.chainId;
      this.ownFrame = theirs.frame;
      playing = false;
    } else this.theirsBefore = null;
    const chain = this.chains.find((c) => c.id === this.chainId) ?? this.chains[0] ?? null;
    const total = chain ? chainFrameCount(chain) : 0;
    const frame = Math.min(this.ownFrame, Math.max(0, total - 1));
    // A scratch frame shows until the playhead moves.
    if (frame !== before.frame || chain?.id !== before.chain?.id || playing !== before.playing) ownScratch = patch.ownScratch ?? null;
    if (!playing) buffering = false;
    const scratch = following === null ? ownScratch : (followed?.state.scratch?.seed ?? null);
    const next: PlayheadState = { chain, frame, total, playing, buffering, direction, following, scratch, ownScratch };
    if ((Object.keys(next) as (keyof PlayheadState)[]).some((key) => next[key] !== before[key])) this.update(next);
    this.keepPlaying();
  }

  /** Runs the playback timer at the chain's fps while playing, restarting it when what it plays changes. */
  private keepPlaying(): void {
    const { playing, chain, total } = this.getSnapshot();
    const wanted = playing && chain && total >= 2 ? `${chain.id}:${chain.fps}:${total}:${this.playDirection}` : "";
    if (wanted === this.timerFor) return;
    clearInterval(this.timer);
    this.timerFor = wanted;
    if (!wanted || !chain) return;
    this.settle({ direction: this.playDirection });
    this.timer = setInterval(() => {
      const now = this.getSnapshot();
      if (!now.chain) return;
      const next = (now.frame + this.playDirection + now.total) % now.total;
      const ready = this.ready(now.chain, next);
      if (ready) this.ownFrame = next;
      this.settle({ buffering: !ready });
    }, 1000 / chain.fps);
  }
}
