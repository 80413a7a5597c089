import * as Y from "yjs";
import { assertSeed } from "@umbra/latent";

/** Version of the document layout below; migrations key on it (co-editing issue). */
export const DOC_SCHEMA_VERSION = 1;
/** Frames in a new transition: Marrow's default step count. */
export const DEFAULT_TRANSITION_FRAMES = 60;
export const MAX_TRANSITION_FRAMES = 10_000;

/** A point of the chain; `frames` is the length of the transition to the next keyframe. */
export interface Keyframe {
  id: string;
  seed: number;
  frames: number;
}

/**
 * Typed access to a room's Y.Doc. Nothing else reads or writes the document's
 * shared types, so its layout can change in one place.
 *
 * Layout v1: `meta` (Y.Map: schemaVersion), `keyframes` (Y.Array of Y.Map {id, seed, frames}).
 */
export class RoomDoc {
  private readonly list: Y.Array<Y.Map<unknown>>;

  constructor(readonly doc: Y.Doc) {
    this.list = doc.getArray<Y.Map<unknown>>("keyframes");
  }

  keyframes(): Keyframe[] {
    return this.list.toArray().flatMap((entry) => {
      const id = entry.get("id");
      const seed = entry.get("seed");
      const frames = entry.get("frames");
      // A peer on a newer layout may write entries we cannot read; skip rather than crash.
      return typeof id === "string" && typeof seed === "number" && typeof frames === "number" ? [{ id, seed, frames }] : [];
    });
  }

  /** Appends a keyframe: the chain's last destination becomes its source. */
  addKeyframe(seed: number, frames = DEFAULT_TRANSITION_FRAMES): Keyframe {
    assertSeed(seed);
    if (!Number.isInteger(frames) || frames < 1 || frames > MAX_TRANSITION_FRAMES) {
      throw new RangeError(`a transition has 1 to ${MAX_TRANSITION_FRAMES} frames, got ${frames}`);
    }
    const keyframe: Keyframe = { id: crypto.randomUUID(), seed, frames };
    this.doc.transact(() => {
      const meta = this.doc.getMap("meta");
      if (meta.get("schemaVersion") === undefined) meta.set("schemaVersion", DOC_SCHEMA_VERSION);
      this.list.push([new Y.Map<unknown>(Object.entries(keyframe))]);
    });
    return keyframe;
  }

  /** Removes a keyframe; false when no keyframe has that id. */
  removeKeyframe(id: string): boolean {
    const index = this.list.toArray().findIndex((entry) => entry.get("id") === id);
    if (index < 0) return false;
    this.list.delete(index, 1);
    return true;
  }

  /** Calls `listener` after every change to the chain, local or remote; returns the unsubscribe. */
  observe(listener: () => void): () => void {
    this.list.observeDeep(listener);
    return () => this.list.unobserveDeep(listener);
  }
}
