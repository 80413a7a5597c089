import type * as Y from "yjs";
import { RoomDoc, chainFrameCount, frameNumber, frameRecipeAt, roomRecipeOverrides } from "@umbra/doc";
import type { FrameRecipe } from "@umbra/latent";
import { EXPORT_LIMITS, type ExportJob, type ExportSettings, type ModelInfo } from "@umbra/protocol";
import type { FrameHub } from "../frames/frame-hub.js";
import type { LatentMapper } from "../frames/latent-mapper.js";
import type { ExportFrameRouter } from "./export-frame-feed.js";
import { exportFileName } from "./export-file-name.js";
import type { ExportFiles } from "./export-files.js";
import type { ExportStore } from "./export-store.js";
import { exportEncoding, openPipeline, type ExportPipeline } from "./export-pipeline.js";
import { ExportRefusal } from "./frame-encoder.js";
import type { Mp4EncoderChoice } from "./mp4-encoder-choice.js";

export interface ExportServiceDeps {
  store: ExportStore;
  files: ExportFiles;
  hub: FrameHub;
  router: ExportFrameRouter;
  mapper: LatentMapper;
  mp4: Mp4EncoderChoice;
  /** The models connected workers have now, on any server. */
  models: () => ModelInfo[];
  /** The room's live document, read without keeping it. */
  readRoom: <T>(roomId: string, read: (doc: Y.Doc) => T) => Promise<T>;
  budgetBytes: number;
  /** Tells the room an export changed. */
  announce: (job: ExportJob) => void;
  /** This collab-server's id: its jobs are recorded as its own. */
  server: string;
  /** Asks the other collab-servers to cancel a job one of them runs (with REDIS_URL). */
  cancelElsewhere?: (roomId: string, exportId: string) => void;
  log: (line: string) => void;
}

interface QueuedExport {
  job: ExportJob;
  recipes: FrameRecipe[];
  /** The first frame's number as the room counts frames, for file names and sidecars. */
  firstNumber: number;
  /** Aborted with "cancel" (someone cancelled it) or "stop" (the server is shutting down). */
  cancel: AbortController;
}

const STOPPED = "the server stopped during this export; start it again";

/** How often a running export tells the room how far it got, at most. */
const PROGRESS_EVERY_MS = 250;

/**
 * Export jobs: checked and recorded when asked for, then run one at a time (they
 * share the render workers with everyone looking at frames). Each renders its
 * frames' recipes through the frame hub, encodes them into a temporary file and
 * renames it when complete; the room hears every step.
 */
export class ExportService {
  private readonly waiting: QueuedExport[] = [];
  private running: QueuedExport | null = null;
  /** Resolves close() once the running export has ended. */
  private stopped: (() => void) | null = null;

  constructor(private readonly deps: ExportServiceDeps) {}

  /** Records an export of the chain as it is now and queues it; refusals explain themselves. */
  async start(roomId: string, model: string, by: { id: string; name: string }, settings: ExportSettings): Promise<ExportJob> {
    const plan = await this.deps.readRoom(roomId, (doc) => {
      const room = new RoomDoc(doc);
      const chain = room.chains().find((c) => c.id === settings.chainId);
      if (!chain) return null;
      const total = chainFrameCount(chain);
      return { chain, total, overrides: roomRecipeOverrides(room.roomTruncation()), numbering: room.frameNumbering() };
    });
    if (!plan) throw new ExportRefusal("that chain is not in the room any more");
    if (plan.total === 0) throw new ExportRefusal(`the chain "${plan.chain.name}" has no keyframes to export`);
    const range = settings.range ?? { in: 0, out: plan.total - 1 };
    const number = (index: number) => frameNumber(index, plan.numbering);
    if (range.out >= plan.total) {
      throw new ExportRefusal(`the chain "${plan.chain.name}" has ${plan.total} frames (${number(0)}–${number(plan.total - 1)}); the out frame ${number(range.out)} is past its end`);
    }
    const frames = range.out - range.in + 1;
    if (frames > EXPORT_LIMITS.maxFrames) throw new ExportRefusal(`an export holds at most ${EXPORT_LIMITS.maxFrames} frames; this range has ${frames}`);
    if (settings.format === "w-npy" && !this.deps.models().find((m) => m.id === model)?.wSize) {
      throw new ExportRefusal(`the model ${model} has no mapping network${this.deps.models().some((m) => m.id === model) ? "" : " that a connected worker knows of"}, so its frames have no w; export the chain's z latents from the Chains tab`);
    }
    if ((await this.deps.store.countActive(roomId)) >= EXPORT_LIMITS.queuedPerRoom) {
      throw new ExportRefusal(`this room already has ${EXPORT_LIMITS.queuedPerRoom} exports waiting or running; wait for one to finish, or cancel one`);
    }
    const look: Partial<FrameRecipe> = {
      ...plan.overrides,
      view: settings.view,
      ...(settings.view === "shadows" && settings.shadows ? { shadows: settings.shadows } : {}),
      width: settings.size,
      height: settings.size,
      // Undefined for JPEG: the recipe's hash leaves it out, so it is the studio's preview's.
      encoding: exportEncoding(settings),
    };
    const recipes: FrameRecipe[] = [];
    for (let i = range.in; i <= range.out; i++) recipes.push(frameRecipeAt(plan.chain, i, model, look)!);
    const job = await this.deps.store.create({
      roomId,
      chainId: plan.chain.id,
      chainName: plan.chain.name,
      settings,
      frames,
      fileName: exportFileName(plan.chain.name, settings, plan.numbering),
      createdBy: by,
      server: this.deps.server,
    });
    this.waiting.push({ job, recipes, firstNumber: number(range.in), cancel: new AbortController() });
    this.deps.announce(job);
    this.runNext();
    return job;
  }

  /** Stops a queued or running export, on whichever server runs it; a finished one is left as it is. */
  async cancel(roomId: string, exportId: string): Promise<ExportJob> {
    const here = await this.cancelHere(roomId, exportId);
    if (here) return here;
    const job = await this.deps.store.get(roomId, exportId);
    if (!job) throw new ExportRefusal("no such export in this room");
    if ((job.status === "queued" || job.status === "running") && this.deps.cancelElsewhere) {
      // The server running it ends it as cancelled; the room hears it then.
      this.deps.cancelElsewhere(roomId, exportId);
      return job;
    }
    throw new ExportRefusal(`that export is ${job.status}; only a queued or running export can be cancelled`);
  }

  /** Cancels the export if this server holds it: the job as it now stands, or null when it is not here. */
  async cancelHere(roomId: string, exportId: string): Promise<ExportJob | null> {
    const queued = this.waiting.findIndex((q) => q.job.id === exportId && q.job.roomId === roomId);
    if (queued >= 0) {
      this.waiting.splice(queued, 1);
      return this.settle(await this.deps.store.ended(exportId, "cancelled", null));
    }
    if (this.running?.job.id === exportId && this.running.job.roomId === roomId) {
      // It ends as cancelled once the frame in hand is done; the room hears it then.
      this.running.cancel.abort("cancel");
      return this.deps.store.get(roomId, exportId);
    }
    return null;
  }

  /** The room is being deleted: its jobs stop and its files go (the rows go with the room). */
  async forgetRoom(roomId: string): Promise<void> {
    for (let i = this.waiting.length - 1; i >= 0; i--) if (this.waiting[i]!.job.roomId === roomId) this.waiting.splice(i, 1);
    if (this.running?.job.roomId === roomId) this.running.cancel.abort("cancel");
    for (const id of await this.deps.store.idsOf(roomId)) await this.deps.files.remove(id);
  }

  /** Shutting down: the running export and the queue end as failed, with the reason, before the database closes. */
  async close(): Promise<void> {
    const queued = this.waiting.splice(0);
    for (const { job } of queued) this.settle(await this.deps.store.ended(job.id, "failed", STOPPED));
    const running = this.running;
    if (!running) return;
    running.cancel.abort("stop");
    await new Promise<void>((resolve) => (this.stopped = resolve));
  }

  private settle(job: ExportJob): ExportJob {
    this.deps.announce(job);
    return job;
  }

  private runNext(): void {
    if (this.running) return;
    const next = this.waiting.shift();
    if (!next) return;
    this.running = next;
    this.run(next)
      .catch((error: unknown) => this.deps.log(`exports: export ${next.job.id} could not record its end: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.running = null;
        if (this.stopped) this.stopped();
        else this.runNext();
      });
  }

  private async run({ job, recipes, firstNumber, cancel }: QueuedExport): Promise<void> {
    const { store, files } = this.deps;
    let pipeline: ExportPipeline | null = null;
    // Wakes a step that waits for a frame or a worker's answer.
    cancel.signal.addEventListener("abort", () => pipeline?.interrupt());
    try {
      pipeline = await openPipeline(this.deps, job, recipes, firstNumber, files.partPath(job.id));
      this.settle(await store.started(job.id, pipeline.name));
      let told = performance.now();
      for (let done = 0; done < recipes.length; ) {
        if (cancel.signal.aborted) throw new ExportRefusal("cancelled");
        await pipeline.step();
        done++;
        if (performance.now() - told >= PROGRESS_EVERY_MS && done < recipes.length) {
          told = performance.now();
          this.settle(await store.progressed(job.id, done));
        }
      }
      if (cancel.signal.aborted) throw new ExportRefusal("cancelled");
      await pipeline.finish();
      pipeline = null;
      const bytes = await files.commit(job.id);
      this.settle(await store.finished(job.id, recipes.length, bytes));
      await this.keepWithinBudget(job.id);
    } catch (error) {
      await pipeline?.abort();
      await files.discardPart(job.id);
      if (cancel.signal.aborted) {
        const stopped = cancel.signal.reason === "stop";
        this.settle(await store.ended(job.id, stopped ? "failed" : "cancelled", stopped ? STOPPED : null));
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof ExportRefusal)) this.deps.log(`exports: export ${job.id} failed: ${message}`);
      this.settle(await store.ended(job.id, "failed", message));
    }
  }

  /** Deletes the oldest finished exports while the folder is over its budget; the one just made stays. */
  private async keepWithinBudget(justMade: string): Promise<void> {
    const done = await this.deps.store.doneOldestFirst();
    let total = done.reduce((sum, d) => sum + d.bytes, 0);
    for (const old of done) {
      if (total <= this.deps.budgetBytes) return;
      if (old.id === justMade) continue;
      await this.deps.files.remove(old.id);
      total -= old.bytes;
      this.settle(await this.deps.store.ended(old.id, "expired", "deleted to keep the export folder within its budget (UMBRA_EXPORT_BUDGET_MB)"));
    }
  }
}
