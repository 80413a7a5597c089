import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { MergeAnswer, MergeRequest } from "./merge-thread.js";

// The thread runs compiled JavaScript: from src/yjs (tests) and dist/yjs alike, ../../dist is the build.
const THREAD_JS = fileURLToPath(new URL("../../dist/yjs/merge-thread.js", import.meta.url));

/**
 * Merges Yjs updates on a thread of its own, started on first use: compaction's CPU
 * work, kept off the event loop that relays updates. A thread that dies fails what
 * it was merging with the reason, and the next merge starts a new one.
 */
export class UpdateMerger {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (merged: Uint8Array<ArrayBuffer>) => void; reject: (error: Error) => void }>();

  merge(updates: readonly Uint8Array[]): Promise<Uint8Array<ArrayBuffer>> {
    const worker = this.thread();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // While a merge is pending the thread keeps the process alive; idle, it does not.
      worker.ref();
      worker.postMessage({ id, updates: [...updates] } satisfies MergeRequest);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error("the update merger was closed"));
    await worker?.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(THREAD_JS);
    worker.unref();
    worker.on("message", (answer: MergeAnswer) => {
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (this.pending.size === 0) worker.unref();
      if (!waiting) return;
      // A transferred buffer arrives as a plain ArrayBuffer of its own.
      if ("merged" in answer) waiting.resolve(new Uint8Array(answer.merged.buffer as ArrayBuffer, answer.merged.byteOffset, answer.merged.byteLength));
      else waiting.reject(new Error(`merging Yjs updates failed: ${answer.error}`));
    });
    const died = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      this.failAll(error);
    };
    worker.on("error", (error) => died(new Error(`the update merger's thread failed: ${error.message}`)));
    worker.on("exit", (code) => died(new Error(`the update merger's thread exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
