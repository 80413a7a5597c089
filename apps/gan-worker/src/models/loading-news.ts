import type { WorkerLoading } from "@umbra/protocol";

/** Snapshot loading progress, from the generators that load to whoever reports it (the hub client). */
export class LoadingNews {
  private readonly listeners = new Set<(news: WorkerLoading) => void>();

  on(listener: (news: WorkerLoading) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(news: WorkerLoading): void {
    for (const listener of this.listeners) listener(news);
  }
}
