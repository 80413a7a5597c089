import * as Y from "yjs";
import { EASINGS, INTERPOLATIONS, MAX_SEED, assertSeed, type LatentRef } from "@umbra/latent";
import {
  CHAIN_COLORS,
  DEFAULT_TRANSITION,
  DOC_SCHEMA_VERSION,
  FPS_CHOICES,
  MAX_LABEL_LENGTH,
  MAX_TRANSITION_FRAMES,
  type Chain,
  type Fps,
  type Keyframe,
  type Transition,
} from "./schema.js";

type YChain = Y.Map<unknown>;

function newId(): string {
  return crypto.randomUUID();
}

function readLatent(value: unknown): LatentRef | null {
  if (value === null || typeof value !== "object") return null;
  const ref = value as Record<string, unknown>;
  if (typeof ref.seed === "number" && Number.isInteger(ref.seed) && ref.seed >= 0 && ref.seed <= MAX_SEED) return { seed: ref.seed };
  if (typeof ref.vector === "string") return { vector: ref.vector };
  return null;
}

function readTransition(entry: Y.Map<unknown> | undefined): Transition {
  if (!entry) return DEFAULT_TRANSITION;
  const frames = entry.get("frames");
  const interpolation = entry.get("interpolation");
  const easing = entry.get("easing");
  const truncation = entry.get("truncation");
  return {
    frames: typeof frames === "number" ? frames : DEFAULT_TRANSITION.frames,
    interpolation: INTERPOLATIONS.includes(interpolation as never) ? (interpolation as Transition["interpolation"]) : DEFAULT_TRANSITION.interpolation,
    easing: EASINGS.includes(easing as never) ? (easing as Transition["easing"]) : DEFAULT_TRANSITION.easing,
    truncation: typeof truncation === "number" ? truncation : null,
  };
}

function checkTransition(patch: Partial<Transition>): void {
  if (patch.frames !== undefined && (!Number.isInteger(patch.frames) || patch.frames < 1 || patch.frames > MAX_TRANSITION_FRAMES)) {
    throw new RangeError(`a transition has 1 to ${MAX_TRANSITION_FRAMES} frames, got ${patch.frames}`);
  }
  if (patch.interpolation !== undefined && !INTERPOLATIONS.includes(patch.interpolation)) throw new RangeError(`unknown interpolation ${patch.interpolation}`);
  if (patch.easing !== undefined && !EASINGS.includes(patch.easing)) throw new RangeError(`unknown easing ${patch.easing}`);
  if (patch.truncation !== undefined && patch.truncation !== null && !(patch.truncation >= 0 && patch.truncation <= 2)) {
    throw new RangeError(`truncation ψ is between 0 and 2, got ${patch.truncation}`);
  }
}

function checkLatent(latent: LatentRef): void {
  if ("seed" in latent) assertSeed(latent.seed);
  else if (typeof latent.vector !== "string" || latent.vector.length === 0) throw new RangeError("a vector latent is base64 float32");
}

/**
 * Typed access to a room's Y.Doc: the only code that touches its shared types.
 *
 * Layout (schema v1): `meta` Y.Map {schemaVersion}; `chains` Y.Array of Y.Map
 * {id, name, color, snapshot, fps, keyframes: Y.Array of Y.Map {id, label, latent},
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

  constructor(readonly doc: Y.Doc) {
    this.list = doc.getArray<YChain>("chains");
  }

  /** The shared type holding everything undoable. */
  get undoScope(): Y.Array<YChain> {
    return this.list;
  }

  /** The stored layout version; undefined for a document nobody has written yet. */
  schemaVersion(): number | undefined {
    const version = this.doc.getMap("meta").get("schemaVersion");
    return typeof version === "number" ? version : undefined;
  }

  chains(): Chain[] {
    return this.list.toArray().flatMap((entry) => {
      const chain = this.readChain(entry);
      return chain ? [chain] : [];
    });
  }

  chain(id: string): Chain | null {
    const entry = this.find(id);
    return entry ? this.readChain(entry) : null;
  }

  // ── chains ────────────────────────────────────────────────────────────────────

  addChain(options: { name?: string; snapshot?: string; fps?: Fps } = {}): string {
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
        const newKeyframe = this.addKeyframe(copyId, keyframe.latent, { label: keyframe.label });
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
  addKeyframe(chainId: string, latent: LatentRef, options: { at?: number; label?: string | null } = {}): string | null {
    checkLatent(latent);
    const entry = this.find(chainId);
    if (!entry) return null;
    const id = newId();
    this.edit(() => {
      const keyframes = entry.get("keyframes") as Y.Array<Y.Map<unknown>>;
      const keyframe = new Y.Map<unknown>();
      keyframe.set("id", id);
      keyframe.set("label", options.label ?? null);
      keyframe.set("latent", "seed" in latent ? { seed: latent.seed } : { vector: latent.vector });
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
    checkLatent(latent);
    return this.onKeyframe(chainId, keyframeId, (keyframes, index) => keyframes.get(index).set("latent", latent));
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

  /**
   * Calls `listener` after every change, local or remote, with the ids of the
   * chains that changed (every chain when the list itself changed); returns the unsubscribe.
   */
  observe(listener: (changedChainIds: ReadonlySet<string>) => void): () => void {
    const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      const changed = new Set<string>();
      for (const event of events) {
        if (event.target === this.list) {
          for (const entry of this.list.toArray()) changed.add(String(entry.get("id")));
          continue;
        }
        const index = event.path[0];
        const id = typeof index === "number" ? this.list.get(index)?.get("id") : undefined;
        if (typeof id === "string") changed.add(id);
      }
      listener(changed);
    };
    this.list.observeDeep(onChange);
    return () => this.list.unobserveDeep(onChange);
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
    return this.list.toArray().findIndex((entry) => entry.get("id") === id);
  }

  private find(id: string): YChain | undefined {
    return this.list.toArray().find((entry) => entry.get("id") === id);
  }

  private onChain(id: string, change: (entry: YChain) => void): boolean {
    const entry = this.find(id);
    if (!entry) return false;
    this.edit(() => change(entry));
    return true;
  }

  private onKeyframe(
    chainId: string,
    keyframeId: string,
    change: (keyframes: Y.Array<Y.Map<unknown>>, index: number, transitions: Y.Map<Y.Map<unknown>>) => void,
  ): boolean {
    const entry = this.find(chainId);
    if (!entry) return false;
    const keyframes = entry.get("keyframes") as Y.Array<Y.Map<unknown>>;
    const index = keyframes.toArray().findIndex((k) => k.get("id") === keyframeId);
    if (index < 0) return false;
    this.edit(() => change(keyframes, index, entry.get("transitions") as Y.Map<Y.Map<unknown>>));
    return true;
  }

  private readChain(entry: YChain): Chain | null {
    const id = entry.get("id");
    const keyframesType = entry.get("keyframes");
    const transitionsType = entry.get("transitions");
    // A peer on a newer layout may write entries this version cannot read: skip them.
    if (typeof id !== "string" || !(keyframesType instanceof Y.Array) || !(transitionsType instanceof Y.Map)) return null;
    const keyframes: Keyframe[] = (keyframesType as Y.Array<Y.Map<unknown>>).toArray().flatMap((k) => {
      const keyframeId = k.get("id");
      const latent = readLatent(k.get("latent"));
      const label = k.get("label");
      return typeof keyframeId === "string" && latent ? [{ id: keyframeId, label: typeof label === "string" ? label : null, latent }] : [];
    });
    const transitions = keyframes.slice(0, -1).map((k) => readTransition((transitionsType as Y.Map<Y.Map<unknown>>).get(k.id)));
    const fps = entry.get("fps");
    return {
      id,
      name: String(entry.get("name") ?? "Chain"),
      color: String(entry.get("color") ?? CHAIN_COLORS[0]),
      snapshot: String(entry.get("snapshot") ?? "default"),
      fps: FPS_CHOICES.includes(fps as Fps) ? (fps as Fps) : 24,
      keyframes,
      transitions,
    };
  }
}
