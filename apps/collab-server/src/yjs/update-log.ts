import type { DocumentStore } from "./document-store.js";

interface Pending {
  update: Uint8Array;
  receivedAt: number;
}

interface RoomQueue {
  pending: Pending[];
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The running flush, if any; flushes of one room never overlap. */
  running: Promise<void> | undefined;
  sinceCompaction: number;
  compacting: Promise<void> | undefined;
}

export interface UpdateLogOptions {
  /** Updates arriving within this window are written in one statement. */
  batchMs?: number;
  /** Compact a room once this many rows were appended since the last compaction. */
  compactEvery?: number;
  log: (line: string) => void;
  /** Hears each update's receipt-to-commit time (benchmarks). */
  onCommitted?: (ms: number) => void;
}

const RETRY_MS = [100, 250, 500, 1000, 2000, 5000];

/**
 * Writes each room's Yjs updates to the store in small batches, soon after they
 * arrive. A failed write is logged and retried with backoff, never dropped; the
 * updates stay queued (and in memory in the document) until they are stored.
 */
export class UpdateLog {
  private readonly rooms = new Map<string, RoomQueue>();
  private readonly batchMs: number;
  private readonly compactEvery: number;

  constructor(
    private readonly store: DocumentStore,
    private readonly options: UpdateLogOptions,
  ) {
    this.batchMs = options.batchMs ?? 10;
    this.compactEvery = options.compactEvery ?? 500;
  }

  enqueue(roomId: string, update: Uint8Array): void {
    const queue = this.queue(roomId);
    queue.pending.push({ update, receivedAt: performance.now() });
    if (!queue.timer && !queue.running) queue.timer = setTimeout(() => void this.flush(roomId), this.batchMs);
  }

  /** Updates of the room not yet committed. */
  pendingCount(roomId: string): number {
    return this.rooms.get(roomId)?.pending.length ?? 0;
  }

  /** Resolves once everything queued for the room so far is committed. */
  async flush(roomId: string): Promise<void> {
    const queue = this.rooms.get(roomId);
    if (!queue) return;
    clearTimeout(queue.timer);
    queue.timer = undefined;
    while (queue.running) await queue.running;
    if (queue.pending.length === 0) {
      await queue.compacting;
      return;
    }
    queue.running = this.drain(roomId, queue).finally(() => (queue.running = undefined));
    await queue.running;
    await queue.compacting;
  }

  /** Flushes every room; gives up after `deadlineMs`, saying how many updates were not stored. */
  async flushAll(deadlineMs: number): Promise<number> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), deadlineMs)));
    const outcome = await Promise.race([Promise.all([...this.rooms.keys()].map((id) => this.flush(id))), deadline]);
    clearTimeout(timer);
    if (outcome !== "late") return 0;
    const lost = [...this.rooms.values()].reduce((n, q) => n + q.pending.length, 0);
    this.options.log(`yjs: ${lost} update(s) could not be stored before shutdown; clients that still hold them will resend them`);
    return lost;
  }

  forget(roomId: string): void {
    const queue = this.rooms.get(roomId);
    if (queue && queue.pending.length === 0 && !queue.running && !queue.compacting) {
      clearTimeout(queue.timer);
      this.rooms.delete(roomId);
    }
  }

  private queue(roomId: string): RoomQueue {
    let queue = this.rooms.get(roomId);
    if (!queue) {
      queue = { pending: [], timer: undefined, running: undefined, sinceCompaction: 0, compacting: undefined };
      this.rooms.set(roomId, queue);
    }
    return queue;
  }

  private async drain(roomId: string, queue: RoomQueue): Promise<void> {
    let attempt = 0;
    while (queue.pending.length) {
      const batch = queue.pending.slice();
      try {
        await this.store.append(roomId, batch.map((p) => p.update));
      } catch (error) {
        const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
        attempt++;
        this.options.log(`yjs: storing ${batch.length} update(s) of room ${roomId} failed (attempt ${attempt}), retrying in ${wait} ms: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((r) => setTimeout(r, wait));
        continue;
      }
      attempt = 0;
      queue.pending.splice(0, batch.length);
      const now = performance.now();
      for (const p of batch) this.options.onCommitted?.(now - p.receivedAt);
      queue.sinceCompaction += batch.length;
      if (queue.sinceCompaction >= this.compactEvery && !queue.compacting) {
        queue.sinceCompaction = 0;
        // In the background: appends go on meanwhile (compaction deletes only the rows it merged).
        // A failed compaction leaves the log as it was; the rows are merged next time.
        queue.compacting = this.store
          .compact(roomId)
          .then(() => undefined)
          .catch((error: unknown) => this.options.log(`yjs: compacting room ${roomId} failed, will retry later: ${error instanceof Error ? error.message : String(error)}`))
          .finally(() => (queue.compacting = undefined));
      }
    }
  }
}
