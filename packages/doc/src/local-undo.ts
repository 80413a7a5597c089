import * as Y from "yjs";
import type { RoomDoc } from "./room-doc.js";

/**
 * Undo and redo of this client's own edits only: the manager tracks the RoomDoc's
 * local origin, so remote changes (origin: the provider) are never undone. Each
 * command is one transaction and one undo step, however quickly they follow each other.
 */
export function createLocalUndo(room: RoomDoc): Y.UndoManager {
  return new Y.UndoManager(room.undoScope, { trackedOrigins: new Set([room.origin]), captureTimeout: 0 });
}
