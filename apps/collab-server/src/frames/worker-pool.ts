import type { Socket } from "socket.io";
import type { WorkerHello, WorkerServerToClientEvents, WorkerSummary } from "@umbra/protocol";

export interface ConnectedWorker {
  id: string;
  hello: WorkerHello;
  socket: Socket<Record<string, never>, WorkerServerToClientEvents>;
  /** Jobs sent and not yet answered. */
  inFlight: number;
}

/** The render workers connected now; hands each job to the least busy one. */
export class WorkerPool {
  private readonly workers = new Map<string, ConnectedWorker>();
  private readonly listeners = new Set<() => void>();

  add(worker: ConnectedWorker): void {
    this.workers.set(worker.id, worker);
    this.changed();
  }

  remove(id: string): void {
    if (this.workers.delete(id)) this.changed();
  }

  /** The least busy worker that has the model, or undefined. */
  pick(model: string): ConnectedWorker | undefined {
    let best: ConnectedWorker | undefined;
    for (const w of this.workers.values()) {
      if (!w.hello.models.some((m) => m.id === model)) continue;
      if (!best || w.inFlight < best.inFlight) best = w;
    }
    return best;
  }

  get size(): number {
    return this.workers.size;
  }

  summaries(): WorkerSummary[] {
    return [...this.workers.values()].map((w) => ({ id: w.id, name: w.hello.name, backend: w.hello.backend, models: w.hello.models, busy: w.inFlight > 0 }));
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
