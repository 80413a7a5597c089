"use client";

import { useEffect, useState } from "react";
import type * as Y from "yjs";

const availability = (undo: Y.UndoManager | null) => ({ canUndo: (undo?.undoStack.length ?? 0) > 0, canRedo: (undo?.redoStack.length ?? 0) > 0 });

/** Whether there is something to undo and to redo, re-rendering as the stacks change. */
export function useUndoState(undo: Y.UndoManager | null): { canUndo: boolean; canRedo: boolean } {
  const [state, setState] = useState(() => availability(undo));
  useEffect(() => {
    const reread = () => setState(availability(undo));
    reread();
    if (!undo) return;
    undo.on("stack-item-added", reread);
    undo.on("stack-item-popped", reread);
    return () => {
      undo.off("stack-item-added", reread);
      undo.off("stack-item-popped", reread);
    };
  }, [undo]);
  return state;
}
