import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { RoomDoc, type Chain } from "@umbra/doc";
import type { Peer } from "./room-doc-connection";
import { PlayheadStore } from "./playhead-store";

/** Two chains: one of 2 keyframes and 10 frames at 25 fps, one of a single keyframe. */
function twoChains(): Chain[] {
  const room = new RoomDoc(new Y.Doc());
  const a = room.addChain();
  const first = room.addKeyframe(a, { seed: 1 })!;
  room.addKeyframe(a, { seed: 2 });
  room.setTransition(a, first, { frames: 9 });
  room.setChainFps(a, 25);
  const b = room.addChain();
  room.addKeyframe(b, { seed: 3 });
  return room.chains();
}

const peer = (clientId: number, playhead: { chainId: string; frame: number } | null, scratch: number | null = null): Peer => ({
  clientId,
  state: { user: { id: `u${clientId}`, name: `P${clientId}`, color: "#38bdf8", role: "editor" }, cursor: null, playhead, ...(scratch === null ? {} : { scratch: { seed: scratch } }) },
});

describe("PlayheadStore", () => {
  afterEach(() => vi.useRealTimers());

  it("moves within the chain, clamped, and remembers which way it went", () => {
    const chains = twoChains();
    const store = new PlayheadStore();
    store.setSources(chains, []);
    expect(store.getSnapshot()).toMatchObject({ chain: chains[0], frame: 0, total: 10 });
    store.moveTo(25);
    expect(store.getSnapshot()).toMatchObject({ frame: 9, direction: 1 });
    store.moveBy(-3);
    expect(store.getSnapshot()).toMatchObject({ frame: 6, direction: -1 });
    store.goToEnd("first");
    expect(store.getSnapshot().frame).toBe(0);
    store.selectChain(chains[1]!.id);
    expect(store.getSnapshot()).toMatchObject({ chain: chains[1], frame: 0, total: 1 });
  });

  it("publishes a new snapshot only when something shown changed", () => {
    const store = new PlayheadStore();
    store.setSources(twoChains(), []);
    const heard = vi.fn();
    store.subscribe(heard);
    store.moveTo(4);
    store.moveTo(4);
    // People moving their cursors change the peers, not the playhead.
    store.setSources(store.getSnapshot().chain ? [store.getSnapshot().chain!] : [], [peer(7, null)]);
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it("follows someone's playhead, stays where they were when following stops, and stops when they leave", () => {
    const chains = twoChains();
    const store = new PlayheadStore();
    store.setSources(chains, [peer(7, { chainId: chains[0]!.id, frame: 3 })]);
    store.follow(7);
    expect(store.getSnapshot()).toMatchObject({ following: 7, frame: 3 });
    store.setSources(chains, [peer(7, { chainId: chains[0]!.id, frame: 2 }, 99)]);
    expect(store.getSnapshot()).toMatchObject({ frame: 2, direction: -1, scratch: 99, ownScratch: null });
    store.follow(null);
    expect(store.getSnapshot()).toMatchObject({ following: null, frame: 2, scratch: null });
    store.follow(7);
    store.setSources(chains, []);
    expect(store.getSnapshot()).toMatchObject({ following: null, frame: 2 });
    // Moving yourself leaves follow.
    store.setSources(chains, [peer(7, { chainId: chains[0]!.id, frame: 5 })]);
    store.follow(7);
    store.moveBy(1);
    expect(store.getSnapshot()).toMatchObject({ following: null, frame: 6 });
  });

  it("shows a scratch seed until the playhead moves", () => {
    const store = new PlayheadStore();
    store.setSources(twoChains(), []);
    store.showScratch(42);
    expect(store.getSnapshot()).toMatchObject({ scratch: 42, ownScratch: 42 });
    store.moveBy(1);
    expect(store.getSnapshot()).toMatchObject({ scratch: null, ownScratch: null });
  });

  it("plays at the chain's fps, only onto frames that are here, buffering meanwhile", () => {
    vi.useFakeTimers();
    const here = new Set([0, 1, 2]);
    const store = new PlayheadStore((_chain, frame) => here.has(frame));
    store.setSources(twoChains(), []);
    store.togglePlay();
    vi.advanceTimersByTime(40);
    vi.advanceTimersByTime(40);
    expect(store.getSnapshot()).toMatchObject({ frame: 2, playing: true, buffering: false });
    vi.advanceTimersByTime(120);
    expect(store.getSnapshot()).toMatchObject({ frame: 2, buffering: true });
    here.add(3);
    vi.advanceTimersByTime(40);
    expect(store.getSnapshot()).toMatchObject({ frame: 3, buffering: false });
    store.pause();
    vi.advanceTimersByTime(1000);
    expect(store.getSnapshot()).toMatchObject({ frame: 3, playing: false, buffering: false });
    // J plays backwards, wrapping as playback loops.
    store.goToEnd("first");
    here.add(9);
    store.play(-1);
    vi.advanceTimersByTime(40);
    expect(store.getSnapshot()).toMatchObject({ frame: 9, direction: -1 });
    store.close();
  });
});
