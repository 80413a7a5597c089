import type { BackendInfoWire } from "@umbra/protocol";
import type { FrameRecipe } from "@umbra/latent";

/** A received frame, ready to show: its bytes as an object URL. */
export interface ShownFrame {
  url: string;
  hash: string;
  recipe: FrameRecipe;
  width: number;
  height: number;
  renderMs: number;
  backend: BackendInfoWire;
}

/**
 * The frames this browser holds, by recipe hash: what playback, scrubbing and
 * thumbnails show without asking again. Least recently used go first, and their
 * object URLs are revoked with them. Whoever shows held frames subscribes, and
 * reads only the hashes it shows (useHeldFrames), so a prefetched frame arriving
 * renders nothing that does not show it.
 */
export class FrameStore {
  private readonly frames = new Map<string, ShownFrame>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly capacity: number) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The store itself: readers select the frames they show from it (useHeldFrames). */
  readonly getSnapshot = (): FrameStore => this;

  has(hash: string): boolean {
    return this.frames.has(hash);
  }

  /** The frame, now the most recently used. */
  get(hash: string): ShownFrame | undefined {
    const frame = this.frames.get(hash);
    if (frame) {
      this.frames.delete(hash);
      this.frames.set(hash, frame);
    }
    return frame;
  }

  /** The frame, leaving the order of use alone: what a render reads. */
  peek(hash: string): ShownFrame | undefined {
    return this.frames.get(hash);
  }

  /** Keeps a frame; false (and the URL revoked) when it was already held. */
  add(frame: ShownFrame): boolean {
    if (this.frames.has(frame.hash)) {
      URL.revokeObjectURL(frame.url);
      return false;
    }
    this.frames.set(frame.hash, frame);
    for (const [hash, old] of this.frames) {
      if (this.frames.size <= this.capacity) break;
      URL.revokeObjectURL(old.url);
      this.frames.delete(hash);
    }
    this.changed();
    return true;
  }

  clear(): void {
    for (const frame of this.frames.values()) URL.revokeObjectURL(frame.url);
    this.frames.clear();
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
