import type { Socket } from "socket.io";
import type { ModelInfo, SnapshotLoading, WorkerHello, WorkerLoading, WorkerServerToClientEvents, WorkerSummary } from "@umbra/protocol";
import { BatchSizer } from "./batch-sizer.js";

export interface ConnectedWorker {
  id: string;
  hello: WorkerHello;
  socket: Socket<Record<string, never>, WorkerServerToClientEvents>;
  sizer: BatchSizer;
  /** Batches sent and not yet answered. */
  batchesInFlight: number;
  /** Snapshots it is loading, by "model\u0000snapshot". */
  loading: Map<string, SnapshotLoading>;
}

/** A batch answered within this time lets the batch size grow; see BatchSizer. */
export const TARGET_BATCH_MS = 250;

/** The render workers connected now. */
export class WorkerPool {
  private readonly workers = new Map<string, ConnectedWorker>();
  private readonly listeners = new Set<() => void>();

  add(id: string, hello: WorkerHello, socket: ConnectedWorker["socket"]): ConnectedWorker {
    const worker: ConnectedWorker = { id, hello, socket, sizer: new BatchSizer(hello.maxBatch, TARGET_BATCH_MS), batchesInFlight: 0, loading: new Map() };
    this.workers.set(id, worker);
    this.changed();
    return worker;
  }

  remove(id: string): void {
    if (this.workers.delete(id)) this.changed();
  }

  /** Records a worker's loading news; everyone hears the new state. */
  loadingChanged(worker: ConnectedWorker, news: WorkerLoading): void {
    const key = `${news.model}\u0000${news.snapshot}`;
    if ("done" in news) worker.loading.delete(key);
    else worker.loading.set(key, news);
    this.changed();
  }

  has(model: string): boolean {
    return [...this.workers.values()].some((w) => offers(w, model));
  }

  /** Every model some worker has, each once. */
  models(): ModelInfo[] {
    const byId = new Map<string, ModelInfo>();
    for (const w of this.workers.values()) for (const m of w.hello.models) if (!byId.has(m.id)) byId.set(m.id, m);
    return [...byId.values()];
  }

  /** Everyone, least busy first, so work spreads across workers. */
  byLoad(): ConnectedWorker[] {
    return [...this.workers.values()].sort((a, b) => a.batchesInFlight - b.batchesInFlight);
  }

  get size(): number {
    return this.workers.size;
  }

  summaries(): WorkerSummary[] {
    return [...this.workers.values()].map((w) => ({
      id: w.id,
      name: w.hello.name,
      backend: w.hello.backend,
      models: w.hello.models,
      busy: w.batchesInFlight > 0,
      batchSize: w.sizer.current,
      loading: [...w.loading.values()],
    }));
  }

  /** Called when a worker joins or leaves. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

export function offers(worker: ConnectedWorker, model: string): boolean {
  return worker.hello.models.some((m) => m.id === model);
}
