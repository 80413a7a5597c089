import { chainFrameCount } from "./timeline.js";
import type { Chain, Keyframe, Transition } from "./schema.js";

/** How big a version of a room is: what its History entry says at a glance. */
export interface DocumentSize {
  chains: number;
  keyframes: number;
  /** Every chain's frames, added up. */
  frames: number;
}

export function documentSize(chains: readonly Chain[]): DocumentSize {
  return {
    chains: chains.length,
    keyframes: chains.reduce((sum, c) => sum + c.keyframes.length, 0),
    frames: chains.reduce((sum, c) => sum + chainFrameCount(c), 0),
  };
}

/** A transition whose frame count changed: the chain was re-timed there. */
export interface Retiming {
  fromKeyframeId: string;
  before: number;
  after: number;
}

/** What became of one chain between two versions of a room. */
export interface ChainDiff {
  id: string;
  /** Its name in the later version (in the earlier one, when it was removed). */
  name: string;
  change: "added" | "removed" | "changed" | "same";
  /** Chain fields that changed: name, color, snapshot, fps. */
  settings: ("name" | "color" | "snapshot" | "fps")[];
  keyframes: {
    added: string[];
    removed: string[];
    /** Latent, label or style mix changed. */
    changed: string[];
    /** In another place among the keyframes both versions have. */
    moved: string[];
  };
  retimed: Retiming[];
  /** Transitions (by their source keyframe) whose interpolation, easing or ψ changed. */
  reshaped: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The positions of a longest strictly increasing subsequence of `values` (patience sorting, n log n). */
function longestIncreasing(values: readonly number[]): Set<number> {
  const tails: number[] = []; // tails[k]: position of the smallest last value of an increasing run of length k + 1
  const previous = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (values[tails[middle]!]! < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[i] = tails[low - 1]!;
    tails[low] = i;
  });
  const kept = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = previous[i]!) kept.add(i);
  return kept;
}

function keyframeChanged(before: Keyframe, after: Keyframe): boolean {
  return before.label !== after.label || !same(before.latent, after.latent) || !same(before.mix ?? null, after.mix ?? null);
}

/** The transitions of a chain by their source keyframe (the last keyframe has none). */
function transitionsBySource(chain: Chain): Map<string, Transition> {
  return new Map(chain.keyframes.slice(0, -1).map((k, i) => [k.id, chain.transitions[i]!]));
}

function diffChain(before: Chain, after: Chain): ChainDiff {
  // The same chain as read before (ChainsCache): nothing changed.
  if (before === after) return { id: after.id, name: after.name, change: "same", settings: [], keyframes: { added: [], removed: [], changed: [], moved: [] }, retimed: [], reshaped: [] };
  const settings = (["name", "color", "snapshot", "fps"] as const).filter((key) => before[key] !== after[key]);
  const beforeKeyframes = new Map(before.keyframes.map((k) => [k.id, k]));
  const afterIds = new Set(after.keyframes.map((k) => k.id));
  const added = after.keyframes.filter((k) => !beforeKeyframes.has(k.id)).map((k) => k.id);
  const removed = before.keyframes.filter((k) => !afterIds.has(k.id)).map((k) => k.id);
  const changed = after.keyframes.filter((k) => beforeKeyframes.has(k.id) && keyframeChanged(beforeKeyframes.get(k.id)!, k)).map((k) => k.id);
  // Among the keyframes both have, the fewest that moved: all but the longest run kept in order.
  const beforeIndex = new Map(before.keyframes.map((k, i) => [k.id, i]));
  const keptAfter = after.keyframes.filter((k) => beforeIndex.has(k.id)).map((k) => k.id);
  const inOrder = longestIncreasing(keptAfter.map((id) => beforeIndex.get(id)!));
  const moved = keptAfter.filter((_, i) => !inOrder.has(i));
  const beforeTransitions = transitionsBySource(before);
  const retimed: Retiming[] = [];
  const reshaped: string[] = [];
  for (const [source, transition] of transitionsBySource(after)) {
    const earlier = beforeTransitions.get(source);
    if (!earlier) continue;
    if (earlier.frames !== transition.frames) retimed.push({ fromKeyframeId: source, before: earlier.frames, after: transition.frames });
    if (earlier.interpolation !== transition.interpolation || earlier.easing !== transition.easing || earlier.truncation !== transition.truncation) reshaped.push(source);
  }
  const anything = settings.length + added.length + removed.length + changed.length + moved.length + retimed.length + reshaped.length > 0;
  return { id: after.id, name: after.name, change: anything ? "changed" : "same", settings, keyframes: { added, removed, changed, moved }, retimed, reshaped };
}

const wholeChain = (chain: Chain, change: "added" | "removed"): ChainDiff => ({
  id: chain.id,
  name: chain.name,
  change,
  settings: [],
  keyframes: { added: change === "added" ? chain.keyframes.map((k) => k.id) : [], removed: change === "removed" ? chain.keyframes.map((k) => k.id) : [], changed: [], moved: [] },
  retimed: [],
  reshaped: [],
});

/** Each chain's changes from `before` to `after`: the later version's chains in order, then those it no longer has. */
export function diffChains(before: readonly Chain[], after: readonly Chain[]): ChainDiff[] {
  const earlier = new Map(before.map((c) => [c.id, c]));
  const later = new Set(after.map((c) => c.id));
  return [
    ...after.map((chain) => (earlier.has(chain.id) ? diffChain(earlier.get(chain.id)!, chain) : wholeChain(chain, "added"))),
    ...before.filter((chain) => !later.has(chain.id)).map((chain) => wholeChain(chain, "removed")),
  ];
}

/** The changes between two versions, counted: what a version's summary says changed since the one before. */
export interface ChangeCounts {
  chainsAdded: number;
  chainsRemoved: number;
  keyframesAdded: number;
  keyframesRemoved: number;
  keyframesChanged: number;
  transitionsRetimed: number;
}

export function countChanges(diffs: readonly ChainDiff[]): ChangeCounts {
  const sum = (f: (d: ChainDiff) => number) => diffs.reduce((total, d) => total + f(d), 0);
  return {
    chainsAdded: sum((d) => Number(d.change === "added")),
    chainsRemoved: sum((d) => Number(d.change === "removed")),
    keyframesAdded: sum((d) => d.keyframes.added.length),
    keyframesRemoved: sum((d) => d.keyframes.removed.length),
    keyframesChanged: sum((d) => d.keyframes.changed.length + d.keyframes.moved.length),
    transitionsRetimed: sum((d) => d.retimed.length),
  };
}

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The counts in words, e.g. "1 chain added, 3 keyframes changed"; "no changes" when there are none. */
export function describeChanges(counts: ChangeCounts): string {
  const parts = [
    counts.chainsAdded && `${counted(counts.chainsAdded, "chain", "chains")} added`,
    counts.chainsRemoved && `${counted(counts.chainsRemoved, "chain", "chains")} removed`,
    counts.keyframesAdded && `${counted(counts.keyframesAdded, "keyframe", "keyframes")} added`,
    counts.keyframesRemoved && `${counted(counts.keyframesRemoved, "keyframe", "keyframes")} removed`,
    counts.keyframesChanged && `${counted(counts.keyframesChanged, "keyframe", "keyframes")} changed`,
    counts.transitionsRetimed && `${counted(counts.transitionsRetimed, "transition", "transitions")} re-timed`,
  ].filter((part): part is string => Boolean(part));
  return parts.length ? parts.join(", ") : "no changes";
}
