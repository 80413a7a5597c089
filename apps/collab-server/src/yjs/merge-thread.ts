// The update merger's thread: Y.mergeUpdates off the relay's event loop. Compacting a
// room of 500 updates took 17–55 ms of CPU here, which stalled every relay meanwhile.
import * as Y from "yjs";
import { serveTasks } from "../threads/serve-tasks.js";

serveTasks(
  "merging Yjs updates failed",
  (updates: Uint8Array[]) => Y.mergeUpdates(updates),
  (merged) => [merged.buffer as ArrayBuffer],
);
