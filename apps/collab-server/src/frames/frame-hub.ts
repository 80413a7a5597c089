import { recipeHash, type FrameRecipe } from "@umbra/latent";
import { failure, frameRenderResultSchema, validate, type ErrorInfo, type FrameReady } from "@umbra/protocol";
import type { CachedFrame, FrameCache } from "./frame-cache.js";
import type { ConnectedWorker, WorkerPool } from "./worker-pool.js";

/** Where finished frames go: the room namespace broadcasts them. */
export interface FrameSink {
  ready(roomIds: Iterable<string>, frame: Omit<FrameReady, "roomId">): void;
  failed(roomIds: Iterable<string>, hash: string, error: ErrorInfo): void;
}

interface FrameJob {
  hash: string;
  recipe: FrameRecipe;
  /** Every room that asked for this frame while it was being rendered. */
  rooms: Set<string>;
  worker: ConnectedWorker;
  /** Bumped on every dispatch, so a late answer from an earlier worker is ignored. */
  attempt: number;
}

/**
 * The render hub: answers from the frame cache when it can, merges identical
 * requests in flight (by recipe hash), hands each frame to a worker, and sends
 * the encoded result to every room that asked.
 */
export class FrameHub {
  private readonly inFlight = new Map<string, FrameJob>();
  private nextJobId = 1;

  constructor(
    private readonly workers: WorkerPool,
    private readonly sink: FrameSink,
    private readonly cache: FrameCache,
    private readonly options: { renderTimeoutMs: number; log: (line: string) => void },
  ) {}

  /** Queues a frame for a room. Answers at once; the frame arrives through the sink (from the cache when it can). */
  request(roomId: string, recipe: FrameRecipe): { ok: true; hash: string } | { ok: false; error: ErrorInfo } {
    const hash = recipeHash(recipe);
    const cached = this.cache.get(hash);
    if (cached) {
      // After the acknowledgement, as a rendered frame would be.
      setImmediate(() => this.sink.ready([roomId], cached));
      return { ok: true, hash };
    }
    const pending = this.inFlight.get(hash);
    if (pending) {
      pending.rooms.add(roomId);
      return { ok: true, hash };
    }
    const worker = this.workers.pick(recipe.model);
    if (!worker) {
      const reason = this.workers.size === 0 ? "no render worker is connected" : `no connected worker has the model "${recipe.model}"`;
      return failure("NO_WORKER", `${reason}; start one with \`npm start\` or \`npm run start -w @umbra/gan-worker\``);
    }
    const job: FrameJob = { hash, recipe, rooms: new Set([roomId]), worker, attempt: 0 };
    this.inFlight.set(hash, job);
    this.dispatch(job);
    return { ok: true, hash };
  }

  /**
   * Hands the jobs of a worker that left to another worker with the model, or
   * fails them at once when there is none, so no request waits for its timeout.
   */
  workerLeft(worker: ConnectedWorker): void {
    for (const job of this.inFlight.values()) {
      if (job.worker !== worker) continue;
      const next = this.workers.pick(job.recipe.model);
      if (next) {
        this.options.log(`hub: worker ${worker.hello.name} left; frame ${job.hash.slice(0, 12)} goes to ${next.hello.name}`);
        job.worker = next;
        this.dispatch(job);
      } else {
        this.settleFailed(job, failure("RENDER_FAILED", `the worker ${worker.hello.name} disconnected while rendering, and no other worker has the model`).error);
      }
    }
  }

  private dispatch(job: FrameJob): void {
    const { worker } = job;
    const attempt = ++job.attempt;
    worker.inFlight++;
    const jobId = `job-${this.nextJobId++}`;
    worker.socket.timeout(this.options.renderTimeoutMs).emit("frame:render", { jobId, recipe: job.recipe }, (timeoutError: Error | null, raw: unknown) => {
      worker.inFlight--;
      // Already settled, or handed to another worker since.
      if (this.inFlight.get(job.hash) !== job || job.attempt !== attempt) return;
      if (timeoutError) {
        this.settleFailed(job, failure("RENDER_TIMEOUT", `the worker ${worker.hello.name} did not answer within ${this.options.renderTimeoutMs} ms`).error);
        return;
      }
      const result = validate(frameRenderResultSchema, raw, "worker answer");
      if (!result.ok) {
        this.options.log(`hub: worker ${worker.hello.name} sent a malformed answer: ${result.error.message}`);
        this.settleFailed(job, result.error);
        return;
      }
      const answer = result.value;
      if (!answer.ok) {
        this.settleFailed(job, answer.error);
        return;
      }
      this.inFlight.delete(job.hash);
      const frame: CachedFrame = {
        hash: job.hash,
        recipe: job.recipe,
        mime: answer.mime,
        width: answer.width,
        height: answer.height,
        renderMs: answer.renderMs,
        backend: worker.hello.backend,
        bytes: answer.bytes,
      };
      this.cache.set(frame);
      this.sink.ready(job.rooms, frame);
    });
  }

  private settleFailed(job: FrameJob, error: ErrorInfo): void {
    this.inFlight.delete(job.hash);
    this.options.log(`hub: frame ${job.hash.slice(0, 12)} failed: ${error.message}`);
    this.sink.failed(job.rooms, job.hash, error);
  }
}
