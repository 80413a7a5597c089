import * as Y from "yjs";
import { EASINGS, INTERPOLATIONS, assertSeed, latentRefSchema, styleMixSchema, type LatentRef, type StyleMix } from "@umbra/latent";
import { describeProblem, judgeValue, pathText, type DocProblem, type Segment } from "./doc-check.js";
import { CHAIN_NODE, KEYFRAME_NODE, META_NODE, TRANSITION_NODE, type RepairRecord, type ValueField } from "./doc-schema.js";
import {
  CHAIN_COLORS,
  DEFAULT_FRAME_NUMBERING,
  DEFAULT_TRANSITION,
  DOC_SCHEMA_VERSION,
  FIRST_FRAME_CHOICES,
  FPS_CHOICES,
  MAX_CHAINS,
  MAX_KEYFRAMES_PER_CHAIN,
  MAX_LABEL_LENGTH,
  MAX_SNAPSHOT_LENGTH,
  MAX_TIMECODE_START,
  MAX_TRANSITION_FRAMES,
  MAX_TRUNCATION,
  type Chain,
  type FirstFrame,
  type FrameNumbering,
  type Fps,
  type Keyframe,
  type Transition,
} from "./schema.js";

type YChain = Y.Map<unknown>;

function newId(): string {
  return crypto.randomUUID();
}

/** Reports a problem met while reading; the reader goes on without the value. */
type ReadProblem = (problem: DocProblem) => void;

/**
 * A stored value as the schema allows it: itself, its nearest allowed value, or
 * undefined (absent, or beyond repair), with the problem reported.
 */
function readValue<T>(field: ValueField<T>, map: Y.Map<unknown>, key: string, segments: Segment[], report: ReadProblem): T | undefined {
  if (!map.has(key)) return undefined;
  const verdict = judgeValue(field, map.get(key));
  if (verdict.action !== "keep") report({ path: pathText([...segments, key]), message: verdict.problem });
  return verdict.action === "drop" ? undefined : verdict.value;
}

function readTransition(entry: unknown, segments: Segment[], report: ReadProblem): Transition {
  if (entry === undefined) return DEFAULT_TRANSITION;
  if (!(entry instanceof Y.Map)) {
    report({ path: pathText(segments), message: "must be a map (Y.Map)" });
    return DEFAULT_TRANSITION;
  }
  const fields = TRANSITION_NODE.fields as Record<keyof Transition, ValueField>;
  const read = <K extends keyof Transition>(key: K) => readValue(fields[key], entry, key, segments, report) as Transition[K] | undefined;
  return {
    frames: read("frames") ?? DEFAULT_TRANSITION.frames,
    interpolation: read("interpolation") ?? DEFAULT_TRANSITION.interpolation,
    easing: read("easing") ?? DEFAULT_TRANSITION.easing,
    truncation: read("truncation") ?? null,
  };
}

function readKeyframe(entry: unknown, segments: Segment[], report: ReadProblem): Keyframe | null {
  if (!(entry instanceof Y.Map)) {
    report({ path: pathText(segments), message: "must be a map (Y.Map); skipped" });
    return null;
  }
  const fields = KEYFRAME_NODE.fields as Record<keyof Keyframe, ValueField>;
  const id = readValue(fields.id, entry, "id", segments, report) as string | undefined;
  const latent = readValue(fields.latent, entry, "latent", segments, report) as LatentRef | undefined;
  if (id === undefined || latent === undefined) {
    report({ path: pathText(segments), message: "has no valid id or latent; skipped" });
    return null;
  }
  const mix = readValue(fields.mix, entry, "mix", segments, report) as StyleMix | undefined;
  return { id, label: (readValue(fields.label, entry, "label", segments, report) as string | null | undefined) ?? null, latent, ...(mix ? { mix } : {}) };
}

function checkTransition(patch: Partial<Transition>): void {
  if (patch.frames !== undefined && (!Number.isInteger(patch.frames) || patch.frames < 1 || patch.frames > MAX_TRANSITION_FRAMES)) {
    throw new RangeError(`a transition has 1 to ${MAX_TRANSITION_FRAMES} frames, got ${patch.frames}`);
  }
  if (patch.interpolation !== undefined && !INTERPOLATIONS.includes(patch.interpolation)) throw new RangeError(`unknown interpolation ${patch.interpolation}`);
  if (patch.easing !== undefined && !EASINGS.includes(patch.easing)) throw new RangeError(`unknown easing ${patch.easing}`);
  if (patch.truncation !== undefined && patch.truncation !== null && !(patch.truncation >= 0 && patch.truncation <= MAX_TRUNCATION)) {
    throw new RangeError(`truncation ψ is between 0 and ${MAX_TRUNCATION}, got ${patch.truncation}`);
  }
}

/** The latent as the schema allows it (a fresh object, nothing extra), or a RangeError saying why not. */
function checkedLatent(latent: LatentRef): LatentRef {
  if ("seed" in latent) assertSeed(latent.seed);
  const parsed = latentRefSchema.safeParse(latent);
  if (!parsed.success) throw new RangeError("a latent is a seed, or a vector or w of base64 float32");
  return parsed.data;
}

function checkedMix(mix: StyleMix): StyleMix {
  const parsed = styleMixSchema.safeParse(mix);
  if (!parsed.success) throw new RangeError(`a style mix is a latent and coarse, middle, fine or layers first–last: ${parsed.error.issues[0]?.message ?? "not one"}`);
  return parsed.data;
}

/** A chain entry's shared parts, or null when the entry is not a chain this version can edit. */
function chainParts(entry: unknown): { map: YChain; keyframes: Y.Array<Y.Map<unknown>>; transitions: Y.Map<Y.Map<unknown>> } | null {
  if (!(entry instanceof Y.Map)) return null;
  const keyframes = entry.get("keyframes");
  const transitions = entry.get("transitions");
  if (!(keyframes instanceof Y.Array) || !(transitions instanceof Y.Map)) return null;
  return { map: entry as YChain, keyframes: keyframes as Y.Array<Y.Map<unknown>>, transitions: transitions as Y.Map<Y.Map<unknown>> };
}

/** Sets the field only when its value differs: an unchanged field is left to others' edits of it. */
function setChanged(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (!map.has(key) || JSON.stringify(map.get(key)) !== JSON.stringify(value)) map.set(key, value);
}

/** What a version of a room holds: its chains and its settings (see RoomDoc.content). */
export interface RoomContent {
  chains: Chain[];
  truncation: number | null;
  numbering: FrameNumbering;
}

/** A room's content as it is in `update` (a version's, say: the whole document as one Yjs update), read as any studio reads a room. */
export function contentOfUpdate(update: Uint8Array): RoomContent {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
    return new RoomDoc(doc).content();
  } finally {
    doc.destroy();
  }
}

/** Problems are logged once each; past this many, new ones are only counted. */
const MAX_REPORTED_PROBLEMS = 100;

/**
 * Typed access to a room's Y.Doc: the only code that touches its shared types.
 *
 * Layout (schema v2): `meta` Y.Map {schemaVersion, truncation}; `chains` Y.Array of Y.Map
 * {id, name, color, snapshot, fps, keyframes: Y.Array of Y.Map {id, label, latent, mix?},
 * transitions: Y.Map keyed by the source keyframe's id → Y.Map {frames, interpolation, easing, truncation}}.
 * Transitions are keyed by keyframe id so they travel with their keyframe when it moves,
 * and their fields are separate so concurrent edits of different fields both survive.
 *
 * Every command runs in one transaction with this instance's `origin`, which is
 * what the local undo manager tracks. Commands on ids that no longer exist (a
 * collaborator deleted them) do nothing and return false or null.
 */
export class RoomDoc {
  /** Transaction origin of this client's own edits. */
  readonly origin: { readonly localEditsOf: RoomDoc } = { localEditsOf: this };
  private readonly list: Y.Array<YChain>;
  private readonly reported = new Set<string>();
  private problems: string[] = [];

  /**
   * @param onReadProblem hears each distinct value the schema does not allow, once:
   * the reader skips or clamps it and goes on (an old or buggy peer wrote it).
   */
  constructor(
    readonly doc: Y.Doc,
    private readonly onReadProblem: (problem: string) => void = () => {},
  ) {
    this.list = doc.getArray<YChain>("chains");
  }

  /** The shared type holding everything undoable. */
  get undoScope(): Y.Array<YChain> {
    return this.list;
  }

  /** collab-server's record of its last repair of this room, for the owners' notice. */
  repairRecord(): RepairRecord | null {
    const verdict = judgeValue(META_NODE.fields.repaired as ValueField<RepairRecord>, this.doc.getMap("meta").get("repaired"));
    return verdict.action === "keep" ? verdict.value : null;
  }

  /** The room's default ψ, for transitions that set none; null leaves it to the model. */
  roomTruncation(): number | null {
    const verdict = judgeValue(META_NODE.fields.truncation as ValueField<number | null>, this.doc.getMap("meta").get("truncation"));
    return verdict.action === "keep" ? verdict.value : null;
  }

  setRoomTruncation(truncation: number | null): void {
    checkTransition({ truncation });
    this.edit(() => this.doc.getMap("meta").set("truncation", truncation));
  }

  /** How the room counts frames and where its timecode starts (room settings). */
  frameNumbering(): FrameNumbering {
    const meta = this.doc.getMap("meta");
    const read = <T>(key: keyof FrameNumbering, fallback: T): T => {
      const verdict = judgeValue(META_NODE.fields[key] as ValueField<T>, meta.get(key));
      return meta.has(key) && verdict.action !== "drop" ? verdict.value : fallback;
    };
    return { firstFrame: read<FirstFrame>("firstFrame", DEFAULT_FRAME_NUMBERING.firstFrame), timecodeStart: read("timecodeStart", DEFAULT_FRAME_NUMBERING.timecodeStart) };
  }

  setFrameNumbering(patch: Partial<FrameNumbering>): void {
    if (patch.firstFrame !== undefined && !FIRST_FRAME_CHOICES.includes(patch.firstFrame)) throw new RangeError(`frames start at 0 or 1, got ${patch.firstFrame}`);
    if (patch.timecodeStart !== undefined && !(Number.isInteger(patch.timecodeStart) && patch.timecodeStart >= 0 && patch.timecodeStart <= MAX_TIMECODE_START)) {
      throw new RangeError(`the start timecode is a whole number of seconds from 0 to ${MAX_TIMECODE_START}, got ${patch.timecodeStart}`);
    }
    this.edit(() => {
      const meta = this.doc.getMap("meta");
      if (patch.firstFrame !== undefined) meta.set("firstFrame", patch.firstFrame);
      if (patch.timecodeStart !== undefined) meta.set("timecodeStart", patch.timecodeStart);
    });
  }

  /** The stored layout version; undefined for a document nobody has written yet. */
  schemaVersion(): number | undefined {
    const version = this.doc.getMap("meta").get("schemaVersion");
    return typeof version === "number" ? version : undefined;
  }

  /**
   * The chains as the schema allows them; what could not be read is in `readProblems()`.
   * `reuse` may give, by id, a chain read before, to be returned as it is (see ChainsCache).
   */
  chains(reuse?: (id: string) => Chain | undefined): Chain[] {
    this.problems = [];
    // Never more than the schema allows, however long the stored list is.
    return this.list.slice(0, MAX_CHAINS).flatMap((entry, index) => {
      // The id is looked up only for a caller that reuses chains: every other read stays as it was.
      const id: unknown = reuse && entry instanceof Y.Map ? entry.get("id") : undefined;
      const kept = typeof id === "string" ? reuse?.(id) : undefined;
      const chain = kept ?? this.readChain(entry, index);
      return chain ? [chain] : [];
    });
  }

  chain(id: string): Chain | null {
    const index = this.indexOf(id);
    return index < 0 ? null : this.readChain(this.list.get(index), index);
  }

  /** What the last `chains()` skipped or clamped, one line each. */
  readProblems(): readonly string[] {
    return this.problems;
  }

  // ── chains ────────────────────────────────────────────────────────────────────

  addChain(options: { name?: string; snapshot?: string; fps?: Fps } = {}): string {
    if (this.list.length >= MAX_CHAINS) throw new RangeError(`a room holds at most ${MAX_CHAINS} chains`);
    const id = newId();
    this.edit(() => {
      const entry = new Y.Map<unknown>();
      entry.set("id", id);
      entry.set("name", options.name ?? `Chain ${this.list.length + 1}`);
      entry.set("color", CHAIN_COLORS[this.list.length % CHAIN_COLORS.length]!);
      entry.set("snapshot", options.snapshot ?? "default");
      entry.set("fps", options.fps ?? 24);
      entry.set("keyframes", new Y.Array<Y.Map<unknown>>());
      entry.set("transitions", new Y.Map<Y.Map<unknown>>());
      this.list.push([entry]);
    });
    return id;
  }

  renameChain(id: string, name: string): boolean {
    const clean = name.trim().slice(0, MAX_LABEL_LENGTH);
    if (!clean) throw new RangeError("a chain needs a name");
    return this.onChain(id, (entry) => entry.set("name", clean));
  }

  setChainFps(id: string, fps: Fps): boolean {
    if (!FPS_CHOICES.includes(fps)) throw new RangeError(`fps is one of ${FPS_CHOICES.join(", ")}`);
    return this.onChain(id, (entry) => entry.set("fps", fps));
  }

  setChainSnapshot(id: string, snapshot: string): boolean {
    if (snapshot.length === 0 || snapshot.length > MAX_SNAPSHOT_LENGTH) throw new RangeError(`a snapshot name has 1 to ${MAX_SNAPSHOT_LENGTH} characters`);
    return this.onChain(id, (entry) => entry.set("snapshot", snapshot));
  }

  /** Copies a chain (new ids) right after it, in one step; returns the copy's id. */
  duplicateChain(id: string): string | null {
    const source = this.chain(id);
    if (!source) return null;
    let copyId = "";
    this.edit(() => {
      copyId = this.addChain({ name: `${source.name} copy`, snapshot: source.snapshot, fps: source.fps });
      for (const [i, keyframe] of source.keyframes.entries()) {
        const newKeyframe = this.addKeyframe(copyId, keyframe.latent, { label: keyframe.label, mix: keyframe.mix });
        const transition = source.transitions[i];
        if (newKeyframe && transition) this.setTransition(copyId, newKeyframe, transition);
      }
      // Move the copy next to its source.
      const from = this.indexOf(copyId);
      const to = this.indexOf(id) + 1;
      if (from !== to) {
        const clone = this.list.get(from).clone();
        this.list.delete(from, 1);
        this.list.insert(to, [clone]);
      }
    });
    return copyId;
  }

  /** Runs several commands as one step (one transaction, one undo). */
  batch<T>(commands: () => T): T {
    let result!: T;
    this.edit(() => {
      result = commands();
    });
    return result;
  }

  deleteChain(id: string): boolean {
    const index = this.indexOf(id);
    if (index < 0) return false;
    this.edit(() => this.list.delete(index, 1));
    return true;
  }

  // ── keyframes ─────────────────────────────────────────────────────────────────

  /** Adds a keyframe at `at` (default: the end); returns its id, or null if the chain is gone. */
  addKeyframe(chainId: string, latent: LatentRef, options: { at?: number; label?: string | null; mix?: StyleMix } = {}): string | null {
    const stored = checkedLatent(latent);
    const mix = options.mix && checkedMix(options.mix);
    const parts = chainParts(this.find(chainId));
    if (!parts) return null;
    const { keyframes } = parts;
    if (keyframes.length >= MAX_KEYFRAMES_PER_CHAIN) throw new RangeError(`a chain holds at most ${MAX_KEYFRAMES_PER_CHAIN} keyframes`);
    const id = newId();
    this.edit(() => {
      const keyframe = new Y.Map<unknown>();
      keyframe.set("id", id);
      keyframe.set("label", options.label ?? null);
      keyframe.set("latent", stored);
      if (mix) keyframe.set("mix", mix);
      keyframes.insert(Math.min(Math.max(0, options.at ?? keyframes.length), keyframes.length), [keyframe]);
    });
    return id;
  }

  removeKeyframe(chainId: string, keyframeId: string): boolean {
    return this.onKeyframe(chainId, keyframeId, (keyframes, index, transitions) => {
      keyframes.delete(index, 1);
      transitions.delete(keyframeId);
    });
  }

  /** Moves a keyframe to `toIndex` (its final position); its outgoing transition moves with it. */
  moveKeyframe(chainId: string, keyframeId: string, toIndex: number): boolean {
    return this.onKeyframe(chainId, keyframeId, (keyframes, index) => {
      const target = Math.min(Math.max(0, toIndex), keyframes.length - 1);
      if (target === index) return;
      // Yjs cannot move an integrated type: insert a copy and delete the original.
      const clone = keyframes.get(index).clone();
      keyframes.delete(index, 1);
      keyframes.insert(target, [clone]);
    });
  }

  relabelKeyframe(chainId: string, keyframeId: string, label: string | null): boolean {
    const clean = label === null ? null : label.trim().slice(0, MAX_LABEL_LENGTH) || null;
    return this.onKeyframe(chainId, keyframeId, (keyframes, index) => keyframes.get(index).set("label", clean));
  }

  setKeyframeLatent(chainId: string, keyframeId: string, latent: LatentRef): boolean {
    const stored = checkedLatent(latent);
    return this.onKeyframe(chainId, keyframeId, (keyframes, index) => keyframes.get(index).set("latent", stored));
  }

  /** Gives a keyframe a style mix, or takes it away (null). */
  setKeyframeMix(chainId: string, keyframeId: string, mix: StyleMix | null): boolean {
    const stored = mix && checkedMix(mix);
    return this.onKeyframe(chainId, keyframeId, (keyframes, index) => {
      if (stored) keyframes.get(index).set("mix", stored);
      else keyframes.get(index).delete("mix");
    });
  }

  /** Changes the transition that leaves `fromKeyframeId`. */
  setTransition(chainId: string, fromKeyframeId: string, patch: Partial<Transition>): boolean {
    checkTransition(patch);
    return this.onKeyframe(chainId, fromKeyframeId, (_keyframes, _index, transitions) => {
      let entry = transitions.get(fromKeyframeId);
      if (!entry) {
        entry = new Y.Map<unknown>();
        transitions.set(fromKeyframeId, entry);
      }
      for (const [key, value] of Object.entries(patch)) if (value !== undefined) entry.set(key, value);
    });
  }

  /**
   * Marrow's chaining: the chain's last keyframe (the destination) becomes the
   * source of a new transition to a fresh seed. Returns the new keyframe's id.
   */
  useDestinationAsNextSource(chainId: string, freshSeed: number): string | null {
    return this.addKeyframe(chainId, { seed: freshSeed });
  }

  /** Gives the transition's destination, or both its ends, fresh seeds. */
  shuffle(chainId: string, transitionIndex: number, ends: "destination" | "both", freshSeed: () => number): boolean {
    const chain = this.chain(chainId);
    const source = chain?.keyframes[transitionIndex];
    const destination = chain?.keyframes[transitionIndex + 1];
    if (!source || !destination) return false;
    this.edit(() => {
      this.setKeyframeLatent(chainId, destination.id, { seed: freshSeed() });
      if (ends === "both") this.setKeyframeLatent(chainId, source.id, { seed: freshSeed() });
    });
    return true;
  }

  // ── versions ──────────────────────────────────────────────────────────────────

  /** Everything a version of the room holds: its chains and its settings. */
  content(): RoomContent {
    return { chains: this.chains(), truncation: this.roomTruncation(), numbering: this.frameNumbering() };
  }

  /**
   * Makes the room what `version` was, in one step (one undo) of this client's: a new
   * change forward, not a rewind. Chains and keyframes the room still has (same ids)
   * are kept and changed field by field, so notes anchored to them stay attached and
   * others' edits of other fields merge; the rest are removed, or added back with
   * their ids, re-attaching their notes.
   */
  restore(version: RoomContent): void {
    this.edit(() => {
      const wanted = new Set(version.chains.map((c) => c.id));
      for (let i = this.list.length - 1; i >= 0; i--) {
        const id = chainParts(this.list.get(i))?.map.get("id");
        if (typeof id !== "string" || !wanted.has(id)) this.list.delete(i, 1);
      }
      version.chains.forEach((chain, index) => this.putChain(chain, index));
      this.setRoomTruncation(version.truncation);
      this.setFrameNumbering(version.numbering);
    });
  }

  /** Makes one chain what `chain` (from a version) was, in one step; a chain since deleted comes back at `at`. */
  restoreChain(chain: Chain, at: number): void {
    this.edit(() => this.putChain(chain, at));
  }

  /**
   * Calls `listener` after every change, local or remote, with the ids of the
   * chains that changed (every chain when the list itself changed, none when only
   * the room's settings did); returns the unsubscribe.
   */
  observe(listener: (changedChainIds: ReadonlySet<string>) => void): () => void {
    const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      const changed = new Set<string>();
      for (const event of events) {
        if (event.target === this.list) {
          for (const entry of this.list.slice(0, MAX_CHAINS)) if (entry instanceof Y.Map && typeof entry.get("id") === "string") changed.add(entry.get("id") as string);
          continue;
        }
        const index = event.path[0];
        const entry = typeof index === "number" ? this.list.get(index) : undefined;
        const id = entry instanceof Y.Map ? entry.get("id") : undefined;
        if (typeof id === "string") changed.add(id);
      }
      listener(changed);
    };
    const onSettings = () => listener(new Set());
    const meta = this.doc.getMap("meta");
    this.list.observeDeep(onChange);
    meta.observe(onSettings);
    return () => {
      this.list.unobserveDeep(onChange);
      meta.unobserve(onSettings);
    };
  }

  // ── internals ─────────────────────────────────────────────────────────────────

  /** Runs edits as this client's, stamping the schema version on a new document. */
  private edit(change: () => void): void {
    this.doc.transact(() => {
      const meta = this.doc.getMap("meta");
      if (meta.get("schemaVersion") === undefined) meta.set("schemaVersion", DOC_SCHEMA_VERSION);
      change();
    }, this.origin);
  }

  private indexOf(id: string): number {
    let index = 0;
    for (const entry of this.list) {
      if (entry instanceof Y.Map && entry.get("id") === id) return index;
      index++;
    }
    return -1;
  }

  private find(id: string): YChain | undefined {
    const index = this.indexOf(id);
    return index < 0 ? undefined : this.list.get(index);
  }

  /** Inside an edit: the chain with `chain`'s id made equal to it, at `at` (created there when absent). */
  private putChain(chain: Chain, at: number): void {
    let index = this.indexOf(chain.id);
    if (index < 0 && this.list.length >= MAX_CHAINS) throw new RangeError(`a room holds at most ${MAX_CHAINS} chains`);
    const place = Math.min(Math.max(0, at), this.list.length - (index < 0 ? 0 : 1));
    if (index >= 0 && index !== place) {
      // Yjs cannot move an integrated type: a copy goes in its place.
      const clone = this.list.get(index).clone();
      this.list.delete(index, 1);
      this.list.insert(place, [clone]);
      index = place;
    }
    if (index < 0 || !chainParts(this.list.get(index))) {
      if (index >= 0) this.list.delete(index, 1);
      const entry = new Y.Map<unknown>();
      entry.set("id", chain.id);
      entry.set("keyframes", new Y.Array<Y.Map<unknown>>());
      entry.set("transitions", new Y.Map<Y.Map<unknown>>());
      this.list.insert(place, [entry]);
      index = place;
    }
    const { map, keyframes, transitions } = chainParts(this.list.get(index))!;
    setChanged(map, "name", chain.name);
    setChanged(map, "color", chain.color);
    setChanged(map, "snapshot", chain.snapshot);
    setChanged(map, "fps", chain.fps);
    const wanted = new Set(chain.keyframes.map((k) => k.id));
    const idAt = (i: number) => (keyframes.get(i) instanceof Y.Map ? keyframes.get(i).get("id") : undefined);
    for (let i = keyframes.length - 1; i >= 0; i--) {
      const id = idAt(i);
      if (typeof id !== "string" || !wanted.has(id)) keyframes.delete(i, 1);
    }
    chain.keyframes.forEach((keyframe, i) => {
      let current = -1;
      for (let j = i; j < keyframes.length && current < 0; j++) if (idAt(j) === keyframe.id) current = j;
      if (current !== i) {
        const entry = current < 0 ? new Y.Map<unknown>() : keyframes.get(current).clone();
        if (current >= 0) keyframes.delete(current, 1);
        if (current < 0) entry.set("id", keyframe.id);
        keyframes.insert(i, [entry]);
      }
      const entry = keyframes.get(i);
      setChanged(entry, "label", keyframe.label);
      setChanged(entry, "latent", keyframe.latent);
      if (keyframe.mix) setChanged(entry, "mix", keyframe.mix);
      else if (entry.has("mix")) entry.delete("mix");
    });
    chain.transitions.forEach((transition, i) => {
      const source = chain.keyframes[i]!.id;
      const current = transitions.get(source);
      // An absent field reads as the default: only what differs is written, so a
      // collaborator's concurrent edit of the same transition is not overwritten wholesale.
      const stored = (key: keyof Transition) => (current instanceof Y.Map && current.has(key) ? current.get(key) : DEFAULT_TRANSITION[key]);
      const differing = (Object.keys(transition) as (keyof Transition)[]).filter((key) => JSON.stringify(stored(key)) !== JSON.stringify(transition[key]));
      if (differing.length === 0) return;
      let entry = current;
      if (!(entry instanceof Y.Map)) {
        entry = new Y.Map<unknown>();
        transitions.set(source, entry);
      }
      for (const key of differing) entry.set(key, transition[key]);
    });
    for (const source of [...transitions.keys()]) if (!wanted.has(source)) transitions.delete(source);
  }

  private onChain(id: string, change: (entry: YChain) => void): boolean {
    const parts = chainParts(this.find(id));
    if (!parts) return false;
    this.edit(() => change(parts.map));
    return true;
  }

  private onKeyframe(
    chainId: string,
    keyframeId: string,
    change: (keyframes: Y.Array<Y.Map<unknown>>, index: number, transitions: Y.Map<Y.Map<unknown>>) => void,
  ): boolean {
    const parts = chainParts(this.find(chainId));
    if (!parts) return false;
    const index = parts.keyframes.toArray().findIndex((k) => k instanceof Y.Map && k.get("id") === keyframeId);
    if (index < 0) return false;
    this.edit(() => change(parts.keyframes, index, parts.transitions));
    return true;
  }

  private report(problem: DocProblem): void {
    const line = describeProblem(problem);
    if (this.problems.length < MAX_REPORTED_PROBLEMS) this.problems.push(line);
    if (this.reported.has(line) || this.reported.size >= MAX_REPORTED_PROBLEMS) return;
    this.reported.add(line);
    this.onReadProblem(line);
  }

  /** A chain as the schema allows it: values clamped, unreadable keyframes skipped; null when it is no chain. */
  private readChain(entry: unknown, index: number): Chain | null {
    const segments: Segment[] = ["chains", index];
    const report = (problem: DocProblem) => this.report(problem);
    const parts = chainParts(entry);
    const fields = CHAIN_NODE.fields as Record<"id" | "name" | "color" | "snapshot" | "fps", ValueField>;
    const id = parts ? (readValue(fields.id, parts.map, "id", segments, report) as string | undefined) : undefined;
    if (!parts || id === undefined) {
      report({ path: pathText(segments), message: "is not a chain this version can read; skipped" });
      return null;
    }
    const keyframes: Keyframe[] = [];
    // Never more than the schema allows, however long the stored list is.
    parts.keyframes.slice(0, MAX_KEYFRAMES_PER_CHAIN).forEach((k, i) => {
      const keyframe = readKeyframe(k, [...segments, "keyframes", i], report);
      if (keyframe) keyframes.push(keyframe);
    });
    const transitions = keyframes.slice(0, -1).map((k) => readTransition(parts.transitions.get(k.id), [...segments, "transitions", k.id.slice(0, 12)], report));
    const read = (key: keyof typeof fields) => readValue(fields[key], parts.map, key, segments, report);
    return {
      id,
      name: (read("name") as string | undefined) ?? "Chain",
      color: (read("color") as string | undefined) ?? CHAIN_COLORS[0],
      snapshot: (read("snapshot") as string | undefined) ?? "default",
      fps: (read("fps") as Fps | undefined) ?? 24,
      keyframes,
      transitions,
    };
  }
}
