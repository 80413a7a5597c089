/**
 * How many frames to send a worker at once. Batches are what make a GPU fast, but a
 * batch is only answered whole, so a large one delays the first frame in it. The size
 * starts at 1, doubles while full batches come back within the target time, and halves
 * when one takes more than twice that; never above what the worker reported it can take.
 */
export class BatchSizer {
  private size = 1;

  constructor(
    private readonly maxBatch: number,
    private readonly targetMs: number,
  ) {}

  get current(): number {
    return this.size;
  }

  /** Feeds back one answered batch: how many frames it held and how long it took. */
  answered(frames: number, elapsedMs: number): void {
    if (elapsedMs > 2 * this.targetMs) this.size = Math.max(1, Math.floor(this.size / 2));
    // Only a full batch says the worker could take more; a partial one was all there was.
    else if (frames >= this.size && elapsedMs <= this.targetMs) this.size = Math.min(this.maxBatch, this.size * 2);
  }
}
