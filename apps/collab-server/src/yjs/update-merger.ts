import { fileURLToPath } from "node:url";
import { TaskThread } from "../threads/task-thread.js";

// The thread runs compiled JavaScript: from src/yjs (tests) and dist/yjs alike, ../../dist is the build.
const THREAD_JS = fileURLToPath(new URL("../../dist/yjs/merge-thread.js", import.meta.url));

/** Merges Yjs updates on a thread of its own: compaction's CPU work, kept off the event loop that relays updates. */
export class UpdateMerger {
  private readonly thread = new TaskThread<Uint8Array[], Uint8Array>(THREAD_JS, "update merger");

  async merge(updates: readonly Uint8Array[]): Promise<Uint8Array<ArrayBuffer>> {
    const merged = await this.thread.run([...updates]);
    // A transferred buffer arrives as a plain ArrayBuffer of its own.
    return new Uint8Array(merged.buffer as ArrayBuffer, merged.byteOffset, merged.byteLength);
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}
