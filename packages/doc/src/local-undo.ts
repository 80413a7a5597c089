import * as Y from "yjs";
import type { RoomDoc } from "./room-doc.js";

/** Edits closer together than this undo as one step (typing a label, dragging). */
const CAPTURE_MS = 400;

/**
 * Undo and redo of this client's own edits only: the manager tracks the RoomDoc's
 * local origin, so remote changes (origin: the provider) are never undone.
 */
export function createLocalUndo(room: RoomDoc): Y.UndoManager {
  return new Y.UndoManager(room.undoScope, { trackedOrigins: new Set([room.origin]), captureTimeout: CAPTURE_MS });
}
