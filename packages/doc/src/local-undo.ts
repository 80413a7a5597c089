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

/**
 * A gesture's edits (a slider dragged, say) as one undo step, however many writes it
 * makes and however slowly: call `begin` as it starts and `end` when it is let go.
 */
export function undoGesture(undo: Y.UndoManager): { begin(): void; end(): void } {
  return {
    begin: () => {
      undo.stopCapturing();
      undo.captureTimeout = Number.MAX_SAFE_INTEGER;
    },
    end: () => {
      undo.captureTimeout = 0;
      undo.stopCapturing();
    },
  };
}
