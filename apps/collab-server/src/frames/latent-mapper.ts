import { decodeLatentBase64, type FrameRecipe } from "@umbra/latent";
import { EVENTS, latentsMapResultSchema } from "@umbra/protocol";
import { askWorker, type WorkerAsker } from "./ask-worker.js";

/**
 * Asks a worker with the recipes' model for their w (after truncation): per-frame w
 * exports. One batch at a time, to the least busy worker (another server's when none
 * here has the model); frames keep their queue.
 */
export class LatentMapper {
  constructor(
    private readonly workers: WorkerAsker,
    private readonly timeoutMs: number,
  ) {}

  async map(recipes: readonly FrameRecipe[]): Promise<Float32Array[]> {
    const answer = await askWorker(
      this.workers,
      recipes[0]!.model,
      { event: EVENTS.latentsMap, payload: { recipes: [...recipes] } },
      { timeoutMs: this.timeoutMs, what: "the latents' w", schema: latentsMapResultSchema },
    );
    const ws = answer.w.map(decodeLatentBase64);
    if (ws.length !== recipes.length || ws.some((w) => w.length !== ws[0]!.length)) throw new Error(`a worker answered ${ws.length} w for ${recipes.length} frames, or of differing sizes`);
    return ws;
  }
}
