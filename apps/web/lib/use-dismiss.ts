"use client";

import { useEffect, type RefObject } from "react";
import { useEscapeKey } from "./use-escape-key";

/**
 * A popover closes as people expect: Esc (kept from the studio's own keys), or a
 * press anywhere outside `within` (its button included, which toggles it itself).
 */
export function useDismiss(open: boolean, within: RefObject<HTMLElement | null>, onDismiss: () => void): void {
  useEscapeKey(onDismiss, open);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (within.current && !within.current.contains(event.target as Node)) onDismiss();
    };
    window.addEventListener("pointerdown", onPointer, true);
    return () => window.removeEventListener("pointerdown", onPointer, true);
  }, [open, within, onDismiss]);
}
