import { decodeLatentBase64, type FrameRecipe } from "@umbra/latent";
import { EVENTS, latentsMapResultSchema, validate } from "@umbra/protocol";
import { offers, type WorkerPool } from "./worker-pool.js";

/**
 * Asks a worker with the recipes' model for their w (after truncation): per-frame w
 * exports. One batch at a time, to the least busy worker; frames keep their queue.
 */
export class LatentMapper {
  constructor(
    private readonly workers: WorkerPool,
    private readonly timeoutMs: number,
  ) {}

  async map(recipes: readonly FrameRecipe[]): Promise<Float32Array[]> {
    const model = recipes[0]!.model;
    const worker = this.workers.byLoad().find((w) => offers(w, model));
    if (!worker) throw new Error(this.workers.size > 0 ? `no connected worker has the model "${model}"` : "no render worker is connected");
    let raw: unknown;
    try {
      raw = await worker.socket.timeout(this.timeoutMs).emitWithAck(EVENTS.latentsMap, { recipes: [...recipes] });
    } catch {
      throw new Error(`the worker ${worker.hello.name} did not give the latents' w within ${this.timeoutMs} ms`);
    }
    const answer = validate(latentsMapResultSchema, raw, "worker answer");
    if (!answer.ok) throw new Error(`the worker ${worker.hello.name} sent a malformed answer: ${answer.error.message}`);
    if (!answer.value.ok) throw new Error(answer.value.error.message);
    const ws = answer.value.w.map(decodeLatentBase64);
    if (ws.length !== recipes.length || ws.some((w) => w.length !== ws[0]!.length)) throw new Error(`the worker ${worker.hello.name} answered ${ws.length} w for ${recipes.length} frames, or of differing sizes`);
    return ws;
  }
}
