import type { DocumentStore } from "./document-store.js";

interface Pending {
  update: Uint8Array;
  receivedAt: number;
}

interface RoomQueue {
  pending: Pending[];
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Batches being written; updates commute, so batches may commit in any order. */
  inFlight: Set<Promise<void>>;
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
/** Batches of one room written at once: a slow commit does not hold up the next batch. */
const MAX_IN_FLIGHT = 4;

/**
 * Writes each room's Yjs updates to the store in small batches, soon after they
 * arrive. A failed write is logged and retried with backoff, never dropped; the
 * batch stays in flight (and the updates in memory in the document) until stored.
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
    queue.timer ??= setTimeout(() => {
      queue.timer = undefined;
      this.dispatch(roomId, queue);
    }, this.batchMs);
  }

  /** Updates waiting, plus batches being written, for the room. */
  private pendingCount(roomId: string): number {
    const queue = this.rooms.get(roomId);
    return queue ? queue.pending.length + queue.inFlight.size : 0;
  }

  /** Resolves once everything queued for the room so far is committed. */
  async flush(roomId: string): Promise<void> {
    const queue = this.rooms.get(roomId);
    if (!queue) return;
    clearTimeout(queue.timer);
    queue.timer = undefined;
    this.dispatch(roomId, queue);
    while (queue.inFlight.size) {
      await Promise.all(queue.inFlight);
      this.dispatch(roomId, queue);
    }
    await queue.compacting;
  }

  /** Flushes every room; gives up after `deadlineMs`, saying how many updates were not stored. */
  async flushAll(deadlineMs: number): Promise<number> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), deadlineMs)));
    const outcome = await Promise.race([Promise.all([...this.rooms.keys()].map((id) => this.flush(id))), deadline]);
    clearTimeout(timer);
    if (outcome !== "late") return 0;
    const lost = [...this.rooms.keys()].reduce((n, id) => n + this.pendingCount(id), 0);
    this.options.log(`yjs: ${lost} update batch(es) could not be stored before shutdown; clients that still hold them will resend them`);
    return lost;
  }

  forget(roomId: string): void {
    const queue = this.rooms.get(roomId);
    if (queue && queue.pending.length === 0 && queue.inFlight.size === 0 && !queue.compacting) {
      clearTimeout(queue.timer);
      this.rooms.delete(roomId);
    }
  }

  private queue(roomId: string): RoomQueue {
    let queue = this.rooms.get(roomId);
    if (!queue) {
      queue = { pending: [], timer: undefined, inFlight: new Set(), sinceCompaction: 0, compacting: undefined };
      this.rooms.set(roomId, queue);
    }
    return queue;
  }

  /** Starts writing pending updates, as far as the in-flight limit allows. */
  private dispatch(roomId: string, queue: RoomQueue): void {
    while (queue.pending.length && queue.inFlight.size < MAX_IN_FLIGHT) {
      const batch = queue.pending.splice(0);
      const write: Promise<void> = this.write(roomId, queue, batch).finally(() => {
        queue.inFlight.delete(write);
        if (queue.pending.length && !queue.timer) this.dispatch(roomId, queue);
      });
      queue.inFlight.add(write);
    }
  }

  private async write(roomId: string, queue: RoomQueue, batch: Pending[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.store.append(roomId, batch.map((p) => p.update));
        break;
      } catch (error) {
        const wait = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)]!;
        this.options.log(`yjs: storing ${batch.length} update(s) of room ${roomId} failed (attempt ${attempt + 1}), retrying in ${wait} ms: ${error instanceof Error ? error.message : String(error)}`);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
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
