import { recipeHash, type FrameRecipe } from "@umbra/latent";
import { failure, framesRenderResultSchema, validate, type ErrorInfo, type renderedFrameSchema } from "@umbra/protocol";
import type { z } from "zod";
import type { DiskFrameCache } from "./disk-frame-cache.js";
import type { CachedFrame, FrameCache } from "./frame-cache.js";
import { RenderQueue } from "./render-queue.js";
import { offers, type ConnectedWorker, type WorkerPool } from "./worker-pool.js";

/**
 * Who gets a finished frame. Requesters asked for it and receive it for sure; rooms
 * see it as their shared preview, which a slow client may drop (a newer one follows).
 */
export interface FrameDelivery {
  rooms: ReadonlySet<string>;
  /** socket id → the room it is in. */
  requesters: ReadonlyMap<string, string>;
}

/** Where finished frames go: the room namespace sends them. */
export interface FrameSink {
  ready(to: FrameDelivery, frame: CachedFrame): void;
  failed(to: FrameDelivery, hash: string, error: ErrorInfo): void;
}

/** With REDIS_URL: how frames travel between collab-servers (cluster/frame-share.ts). */
export interface FrameCluster {
  /** Whether some other collab-server's worker has the model. */
  offers(model: string): boolean;
  /** Asks the other servers' workers for a frame that no worker here can render; it comes back through `acceptShared`. */
  ask(recipe: FrameRecipe, rooms: readonly string[], urgent: boolean): void;
  /** Tells the other servers of a frame a worker here rendered, and which rooms see it as their preview. */
  share(frame: CachedFrame, rooms: readonly string[]): void;
  /** Takes the right to render a frame for the render timeout: false while another server holds it. */
  claim(hash: string): Promise<boolean>;
}

/** Who asks: a connection in a room. */
export interface Requester {
  socketId: string;
  roomId: string;
}

interface Batch {
  worker: ConnectedWorker;
  jobs: FrameJob[];
}

interface FrameJob extends FrameDelivery {
  hash: string;
  recipe: FrameRecipe;
  rooms: Set<string>;
  requesters: Map<string, string>;
  /** Someone is looking at it now; otherwise only prefetch wants it. */
  urgent: boolean;
  /** Connections whose current prefetch list holds it. */
  prefetchers: Set<string>;
  /** The batch rendering it, or null while it waits in the queue. */
  running: Batch | null;
  /** Workers that let it time out: it is not sent to them again. */
  stalledOn: Set<ConnectedWorker>;
  /** Waiting on the other collab-servers: asked of them (no worker here has the model), it fails when this runs out; claimed by one of them, it renders here then. */
  remote: ReturnType<typeof setTimeout> | null;
  /** Another server claimed it and renders it (see claimThenQueue). */
  claimedElsewhere: boolean;
}

/**
 * Prefetch batches a worker may hold at once: a second one waits in the worker, so it
 * never idles between batches while the hub hears the last answer and sends the next.
 * An urgent batch may go on top: the worker renders it next, between two slices of
 * whatever prefetch it holds (see gan-worker's RenderScheduler).
 */
const PREFETCH_PIPELINE_DEPTH = 2;

const noWorkerError = (model: string, anyWorkers: boolean) =>
  failure(
    "NO_WORKER",
    `${anyWorkers ? `no connected worker has the model "${model}"` : "no render worker is connected"}; start one with \`npm start\` or \`npm run start -w @umbra/gan-worker\``,
  );

/**
 * The render hub: answers from the frame cache when it can, merges identical
 * requests (by recipe hash), queues the rest (previews before prefetch), sends
 * workers batches sized to what each answers quickly, and spreads them over every
 * worker with the model. A worker that leaves or stops answering has its frames
 * sent elsewhere, or failed with a clear error when no other worker can take them.
 */
export class FrameHub {
  /** Every frame queued or rendering, by recipe hash. */
  private readonly jobs = new Map<string, FrameJob>();
  private readonly queue = new RenderQueue<FrameJob>();
  /** Each connection's current prefetch list. */
  private readonly prefetches = new Map<string, Set<string>>();
  private nextBatchId = 1;
  private pumpScheduled = false;

  constructor(
    private readonly workers: WorkerPool,
    private readonly sink: FrameSink,
    private readonly cache: FrameCache,
    private readonly options: { renderTimeoutMs: number; log: (line: string) => void; disk?: DiskFrameCache; cluster?: FrameCluster },
  ) {
    workers.onChange(() => {
      this.adoptRemoteJobs();
      this.pump();
    });
  }

  /**
   * A frame someone wants now. With `shareWithRoom` it becomes the room's preview;
   * otherwise only the requester gets it (thumbnails, seed grids).
   */
  request(recipe: FrameRecipe, from: Requester, shareWithRoom: boolean): { ok: true; hash: string } | { ok: false; error: ErrorInfo } {
    const hash = recipeHash(recipe);
    const rooms = shareWithRoom ? [from.roomId] : [];
    if (this.answerFromCache(hash, from, rooms)) return { ok: true, hash };
    const job = this.jobs.get(hash);
    if (job) {
      for (const room of rooms) job.rooms.add(room);
      job.requesters.set(from.socketId, from.roomId);
      if (!job.urgent) this.queue.promote(job);
      this.pump();
      return { ok: true, hash };
    }
    if (!this.canRender(recipe.model) && !this.options.disk?.has(hash)) return noWorkerError(recipe.model, this.workers.size > 0);
    this.enqueue(hash, recipe, new Map([[from.socketId, from.roomId]]), rooms, true);
    this.pump();
    return { ok: true, hash };
  }

  /**
   * Frames ahead of a connection's playhead, nearest first, delivered only to it. The
   * list replaces its previous one: frames that left the list and nobody else wants
   * are dropped from the queue before any worker spends time on them.
   */
  prefetch(recipes: readonly FrameRecipe[], from: Requester): { ok: true; hashes: string[] } | { ok: false; error: ErrorInfo } {
    const hashes = recipes.map(recipeHash);
    // A frame in either cache needs no worker.
    const missing = recipes.find((r, i) => !this.canRender(r.model) && !this.cache.has(hashes[i]!) && !this.options.disk?.has(hashes[i]!));
    if (missing) return noWorkerError(missing.model, this.workers.size > 0);
    this.replacePrefetch(from.socketId, new Set(hashes));
    recipes.forEach((recipe, i) => {
      const hash = hashes[i]!;
      if (this.answerFromCache(hash, from, [])) return;
      const job = this.jobs.get(hash) ?? this.enqueue(hash, recipe, new Map([[from.socketId, from.roomId]]), [], false);
      job.requesters.set(from.socketId, from.roomId);
      job.prefetchers.add(from.socketId);
    });
    this.pump();
    return { ok: true, hashes };
  }

  /** A connection closed: its prefetch goes, and nothing more is sent to it. */
  forget(socketId: string): void {
    this.replacePrefetch(socketId, new Set());
    for (const job of this.jobs.values()) job.requesters.delete(socketId);
  }

  /** A worker left: its frames go back to the front of the queue, or fail when no one else can render them. */
  workerLeft(worker: ConnectedWorker): void {
    for (const job of this.jobs.values()) {
      if (job.running?.worker !== worker) continue;
      job.running = null;
      this.options.log(`hub: worker ${worker.hello.name} left while rendering frame ${job.hash.slice(0, 12)}; handing it on`);
      this.retryOrFail(job, `the worker ${worker.hello.name} disconnected while rendering, and no other worker has the model`);
    }
    for (const job of this.queue.drain((j) => !this.renderable(j))) {
      this.settleFailed(job, noWorkerError(job.recipe.model, this.workers.size > 0).error);
    }
    this.pump();
  }

  /** Another collab-server asks this one's workers for a frame (it won the claim to render it); the frame goes back through `share`. */
  renderForCluster(recipe: FrameRecipe, rooms: readonly string[], urgent: boolean): void {
    const hash = recipeHash(recipe);
    const cached = this.cache.get(hash);
    if (cached) return this.options.cluster?.share(cached, rooms);
    const waiting = this.jobs.get(hash);
    // Asked here too between winning the claim and now: that request found the claim taken, by this server.
    if (waiting?.claimedElsewhere) this.stopWaitingElsewhere(waiting);
    // This server won the claim to render it: it renders without claiming again.
    const job = waiting ?? this.enqueue(hash, recipe, new Map(), [], urgent, true);
    for (const room of rooms) job.rooms.add(room);
    if (urgent && !job.urgent) this.queue.promote(job);
    this.pump();
  }

  /** A frame another collab-server's worker rendered: cached here, and given to whoever here waits for it or sees it as a preview. */
  acceptShared(frame: CachedFrame, rooms: readonly string[]): void {
    this.cache.set(frame);
    const job = this.jobs.get(frame.hash);
    // A frame a worker here is rendering anyway arrives from it.
    if (job?.running) return;
    if (job) {
      this.jobs.delete(job.hash);
      this.queue.remove(job);
      if (job.remote) clearTimeout(job.remote);
      for (const room of rooms) job.rooms.add(room);
      this.sink.ready(job, frame);
    } else if (rooms.length > 0) this.sink.ready({ rooms: new Set(rooms), requesters: new Map() }, frame);
  }

  /** A worker here has the model, or another collab-server's does. */
  private canRender(model: string): boolean {
    return this.workers.has(model) || (this.options.cluster?.offers(model) ?? false);
  }

  private answerFromCache(hash: string, from: Requester, rooms: string[]): boolean {
    const cached = this.cache.get(hash);
    // After the acknowledgement, as a rendered frame would be.
    if (cached) {
      setImmediate(() => this.sink.ready({ rooms: new Set(rooms), requesters: new Map([[from.socketId, from.roomId]]) }, cached));
      // The room's preview: its sockets on other servers see it too.
      if (rooms.length > 0) this.options.cluster?.share(cached, rooms);
    }
    return cached !== undefined;
  }

  private enqueue(hash: string, recipe: FrameRecipe, requesters: Map<string, string>, rooms: readonly string[], urgent: boolean, claimed = false): FrameJob {
    const job: FrameJob = {
      hash,
      recipe,
      rooms: new Set(rooms),
      requesters,
      urgent,
      prefetchers: new Set(),
      running: null,
      stalledOn: new Set(),
      remote: null,
      claimedElsewhere: false,
    };
    this.jobs.set(hash, job);
    const cluster = this.options.cluster;
    // The caller pumps once everything it asked for is queued, so batches fill up.
    if (this.options.disk?.has(hash)) void this.readFromDisk(job, this.options.disk);
    else if (!cluster) this.queue.push(job);
    else if (!this.workers.has(recipe.model)) this.askCluster(job, cluster);
    else if (claimed) this.queue.push(job);
    else void this.claimThenQueue(job, cluster);
    return job;
  }

  /**
   * With other servers, identical frames asked of several at once render once: the
   * server that claims the frame renders it, and the others wait for it to arrive
   * through acceptShared. One that has not come within twice the render timeout is
   * rendered here after all; so is one whose claim Redis could not answer.
   */
  private async claimThenQueue(job: FrameJob, cluster: FrameCluster): Promise<void> {
    let mine = true;
    try {
      mine = await cluster.claim(job.hash);
    } catch (error) {
      this.options.log(`hub: could not claim frame ${job.hash.slice(0, 12)} across servers; rendering it here: ${error instanceof Error ? error.message : String(error)}`);
    }
    // Delivered from elsewhere meanwhile, or nobody wants it any more.
    if (this.jobs.get(job.hash) !== job) return;
    if (mine) return this.queueSoon(job);
    job.claimedElsewhere = true;
    job.remote = setTimeout(() => {
      if (this.jobs.get(job.hash) !== job) return;
      this.stopWaitingElsewhere(job);
      this.pumpSoon();
    }, 2 * this.options.renderTimeoutMs);
  }

  /** A job that waited on other servers is rendered here instead: its wait ends and it joins the queue. */
  private stopWaitingElsewhere(job: FrameJob): void {
    if (job.remote) clearTimeout(job.remote);
    job.remote = null;
    job.claimedElsewhere = false;
    this.queue.push(job);
  }

  /** Queues a job whose claim came back; claims sent together come back together, and one pump after them all keeps their batch whole. */
  private queueSoon(job: FrameJob): void {
    this.queue.push(job);
    this.pumpSoon();
  }

  private pumpSoon(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** No worker here has the model: another collab-server's worker renders it, or it fails after twice the render timeout. */
  private askCluster(job: FrameJob, cluster: FrameCluster): void {
    const waitMs = 2 * this.options.renderTimeoutMs;
    job.remote = setTimeout(() => {
      if (this.jobs.get(job.hash) !== job) return;
      this.settleFailed(job, failure("NO_WORKER", `no worker on any collab-server rendered this frame of ${job.recipe.model} within ${waitMs} ms`).error);
    }, waitMs);
    cluster.ask(job.recipe, [...job.rooms], job.urgent);
  }

  /**
   * A worker with the model joined here (one whose server died reconnects to this one):
   * frames waiting on other servers for it are rendered here instead.
   */
  private adoptRemoteJobs(): void {
    for (const job of this.jobs.values()) {
      if (!job.remote || job.claimedElsewhere || !this.workers.has(job.recipe.model)) continue;
      this.stopWaitingElsewhere(job);
    }
  }

  /** A frame rendered before (maybe before a restart): from disk, or to a worker when its file is gone or unreadable. */
  private async readFromDisk(job: FrameJob, disk: DiskFrameCache): Promise<void> {
    const frame = await disk.get(job.hash);
    // Nobody wants it any more (a prefetch list moved on).
    if (this.jobs.get(job.hash) !== job) return;
    if (frame) {
      this.jobs.delete(job.hash);
      this.cache.set(frame);
      this.sink.ready(job, frame);
    } else if (this.renderable(job)) {
      this.queue.push(job);
      this.pump();
    } else if (this.options.cluster?.offers(job.recipe.model)) this.askCluster(job, this.options.cluster);
    else this.settleFailed(job, noWorkerError(job.recipe.model, this.workers.size > 0).error);
  }

  private replacePrefetch(socketId: string, hashes: Set<string>): void {
    for (const hash of this.prefetches.get(socketId) ?? []) {
      if (hashes.has(hash)) continue;
      const job = this.jobs.get(hash);
      if (!job) continue;
      job.prefetchers.delete(socketId);
      if (job.urgent || job.running || job.prefetchers.size > 0) continue;
      this.queue.remove(job);
      if (job.remote) clearTimeout(job.remote);
      this.jobs.delete(hash);
    }
    if (hashes.size > 0) this.prefetches.set(socketId, hashes);
    else this.prefetches.delete(socketId);
  }

  /** Some worker that has not stalled on it can render it. */
  private renderable(job: FrameJob): boolean {
    return this.workers.byLoad().some((w) => offers(w, job.recipe.model) && !job.stalledOn.has(w));
  }

  private retryOrFail(job: FrameJob, reason: string): void {
    if (this.renderable(job)) this.queue.pushFront(job);
    else this.settleFailed(job, failure("RENDER_FAILED", reason).error);
  }

  /** Hands queued frames to workers, least busy first, one batch per worker per round. */
  private pump(): void {
    let progress = true;
    while (progress && this.queue.size > 0) {
      progress = false;
      for (const worker of this.workers.byLoad()) {
        const depth = this.queue.hasUrgent ? PREFETCH_PIPELINE_DEPTH + 1 : PREFETCH_PIPELINE_DEPTH;
        if (worker.batchesInFlight >= depth) continue;
        const jobs = this.queue.take(worker.sizer.current, (j) => offers(worker, j.recipe.model) && !j.stalledOn.has(worker));
        if (jobs.length === 0) continue;
        this.dispatch(worker, jobs);
        progress = true;
      }
    }
  }

  private dispatch(worker: ConnectedWorker, jobs: FrameJob[]): void {
    const batch: Batch = { worker, jobs };
    const batchId = this.nextBatchId++;
    for (const job of jobs) job.running = batch;
    worker.batchesInFlight++;
    const started = performance.now();
    // The queue hands out urgent jobs only with each other, so the first says for all.
    const payload = { jobs: jobs.map((job, i) => ({ jobId: `${batchId}.${i}`, recipe: job.recipe })), urgent: jobs[0]!.urgent };
    worker.socket.timeout(this.options.renderTimeoutMs).emit("frames:render", payload, (timeoutError: Error | null, raw: unknown) => {
      worker.batchesInFlight--;
      // Jobs handed elsewhere since (their worker left) are no longer this batch's.
      const current = jobs.filter((job) => job.running === batch);
      for (const job of current) job.running = null;
      if (timeoutError) {
        this.options.log(`hub: worker ${worker.hello.name} did not answer a batch of ${jobs.length} within ${this.options.renderTimeoutMs} ms`);
        for (const job of current) {
          job.stalledOn.add(worker);
          this.retryOrFail(job, `the worker ${worker.hello.name} did not answer within ${this.options.renderTimeoutMs} ms, and no other worker has the model`);
        }
      } else this.answered(worker, jobs, current, raw, performance.now() - started);
      this.pump();
    });
  }

  private answered(worker: ConnectedWorker, sent: FrameJob[], current: FrameJob[], raw: unknown, elapsedMs: number): void {
    const result = validate(framesRenderResultSchema, raw, "worker answer");
    if (!result.ok) this.options.log(`hub: worker ${worker.hello.name} sent a malformed answer: ${result.error.message}`);
    const answer = result.ok ? result.value : result;
    if (answer.ok && answer.frames.length !== sent.length) {
      const message = `the worker ${worker.hello.name} answered ${answer.frames.length} frames for a batch of ${sent.length}`;
      for (const job of current) this.settleFailed(job, failure("RENDER_FAILED", message).error);
    } else if (!answer.ok) {
      for (const job of current) this.settleFailed(job, answer.error);
    } else {
      worker.sizer.answered(sent.length, elapsedMs);
      for (const job of current) this.settle(job, worker, answer.frames[sent.indexOf(job)]!);
    }
  }

  private settle(job: FrameJob, worker: ConnectedWorker, rendered: z.infer<typeof renderedFrameSchema>): void {
    if (!rendered.ok) {
      this.settleFailed(job, rendered.error);
      return;
    }
    this.jobs.delete(job.hash);
    const frame: CachedFrame = {
      hash: job.hash,
      recipe: job.recipe,
      mime: rendered.mime,
      width: rendered.width,
      height: rendered.height,
      renderMs: rendered.renderMs,
      backend: worker.hello.backend,
      bytes: rendered.bytes,
    };
    this.cache.set(frame);
    void this.options.disk?.set(frame);
    this.sink.ready(job, frame);
    this.options.cluster?.share(frame, [...job.rooms]);
  }

  private settleFailed(job: FrameJob, error: ErrorInfo): void {
    if (job.remote) clearTimeout(job.remote);
    this.jobs.delete(job.hash);
    this.queue.remove(job);
    this.options.log(`hub: frame ${job.hash.slice(0, 12)} failed: ${error.message}`);
    this.sink.failed(job, job.hash, error);
  }
}
