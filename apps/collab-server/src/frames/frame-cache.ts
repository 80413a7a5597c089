import type { FrameReady } from "@umbra/protocol";

/** A frame as the hub keeps it; whom it is for (roomId, shared) is added when sent. */
export type CachedFrame = Omit<FrameReady, "roomId" | "shared">;

/** Bytes a cached frame holds: its encoded image plus a little for the record. */
function sizeOf(frame: CachedFrame): number {
  const bytes = frame.bytes instanceof ArrayBuffer ? frame.bytes.byteLength : frame.bytes.byteLength;
  return bytes + 1024;
}

/**
 * Encoded frames by recipe hash, least recently used evicted first, within a
 * byte budget. The same recipe always gives the same pixels, so a hit is exact.
 */
export class FrameCache {
  private readonly frames = new Map<string, CachedFrame>();
  private bytes = 0;

  constructor(readonly budgetBytes: number) {}

  /** Whether it holds the frame, without marking it used. */
  has(hash: string): boolean {
    return this.frames.has(hash);
  }

  get(hash: string): CachedFrame | undefined {
    const frame = this.frames.get(hash);
    if (frame) {
      // Map order is insertion order: re-inserting marks it most recently used.
      this.frames.delete(hash);
      this.frames.set(hash, frame);
    }
    return frame;
  }

  set(frame: CachedFrame): void {
    const size = sizeOf(frame);
    if (size > this.budgetBytes) return;
    const previous = this.frames.get(frame.hash);
    if (previous) {
      this.frames.delete(frame.hash);
      this.bytes -= sizeOf(previous);
    }
    this.frames.set(frame.hash, frame);
    this.bytes += size;
    for (const [hash, old] of this.frames) {
      if (this.bytes <= this.budgetBytes) break;
      this.frames.delete(hash);
      this.bytes -= sizeOf(old);
    }
  }

  get usedBytes(): number {
    return this.bytes;
  }

  get size(): number {
    return this.frames.size;
  }
}
