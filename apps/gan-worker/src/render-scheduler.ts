import type { FrameRecipe } from "@umbra/latent";
import type { RenderOutcome } from "./frame-renderer.js";

/**
 * How long one slice of a prefetch batch should hold the generator. Its work is
 * synchronous, so a frame someone waits for can start only between slices: this is
 * about the longest it waits behind prefetch.
 */
export const SLICE_MS = 50;

/** Resolves when the generator is done with the recipes; their encoding finishes in `encoded`. */
type Generate = (recipes: readonly FrameRecipe[]) => Promise<{ encoded: Promise<RenderOutcome[]> }>;

interface Batch {
  recipes: readonly FrameRecipe[];
  urgent: boolean;
  /** How many recipes have been through the generator. */
  generated: number;
  encoded: Promise<RenderOutcome[]>[];
  resolve(outcomes: RenderOutcome[]): void;
  reject(error: unknown): void;
}

/** Frames whose cost per frame is alike: one model at one size. */
const costKey = (recipe: FrameRecipe) => `${recipe.model}\u0000${recipe.width ?? ""}x${recipe.height ?? ""}`;

/**
 * The worker's batches, through the generator one at a time, urgent ones first. A
 * prefetch batch goes in slices of about SLICE_MS, learnt per model and size, with a
 * turn of the event loop between them: an urgent batch that arrived meanwhile
 * (someone scrubbed to a new frame) goes next, whole, instead of waiting for the rest.
 * A prefetch slice's encoding overlaps the next slice's generator; an urgent batch is
 * answered before the generator goes on.
 */
export class RenderScheduler {
  private readonly waiting: Batch[] = [];
  private readonly msPerFrame = new Map<string, number>();
  private draining = false;

  constructor(
    private readonly generate: Generate,
    private readonly now: () => number = () => performance.now(),
    private readonly sliceMs = SLICE_MS,
  ) {}

  /** Renders a batch; its outcomes, one per recipe in order, come back together. */
  run(recipes: readonly FrameRecipe[], urgent: boolean): Promise<RenderOutcome[]> {
    return new Promise((resolve, reject) => {
      const batch: Batch = { recipes, urgent, generated: 0, encoded: [], resolve, reject };
      const firstLater = this.waiting.findIndex((b) => !b.urgent);
      if (urgent && firstLater >= 0) this.waiting.splice(firstLater, 0, batch);
      else this.waiting.push(batch);
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting[0]!;
        const slice = this.nextSlice(batch);
        const started = this.now();
        try {
          batch.encoded.push((await this.generate(slice)).encoded);
        } catch (error) {
          this.leave(batch);
          batch.reject(error);
          continue;
        }
        this.learn(slice, this.now() - started);
        batch.generated += slice.length;
        if (batch.generated === batch.recipes.length) {
          this.leave(batch);
          const answered = Promise.all(batch.encoded).then((parts) => batch.resolve(parts.flat()), batch.reject);
          // Someone is waiting for an urgent batch: its answer must not wait for the thread behind the next slice.
          if (batch.urgent) await answered;
        }
        // Lets the socket deliver what arrived while the generator held the thread.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      this.draining = false;
    }
  }

  /** An urgent batch's rest whole; a prefetch batch's next frames of one cost, about sliceMs of them (one while that cost is unknown). */
  private nextSlice(batch: Batch): readonly FrameRecipe[] {
    const rest = batch.recipes.slice(batch.generated);
    if (batch.urgent) return rest;
    const key = costKey(rest[0]!);
    const known = this.msPerFrame.get(key);
    const size = known === undefined ? 1 : Math.max(1, Math.floor(this.sliceMs / known));
    let end = 1;
    while (end < rest.length && end < size && costKey(rest[end]!) === key) end++;
    return rest.slice(0, end);
  }

  /** Keeps a running average of each cost's generator time per frame, from every slice of one cost. */
  private learn(slice: readonly FrameRecipe[], elapsedMs: number): void {
    const key = costKey(slice[0]!);
    if (slice.some((recipe) => costKey(recipe) !== key)) return;
    const perFrame = elapsedMs / slice.length;
    const before = this.msPerFrame.get(key);
    this.msPerFrame.set(key, before === undefined ? perFrame : 0.7 * before + 0.3 * perFrame);
  }

  /** Takes a batch out of the line, wherever an urgent one put it meanwhile. */
  private leave(batch: Batch): void {
    this.waiting.splice(this.waiting.indexOf(batch), 1);
  }
}
