"use client";

import { useEffect, type RefObject } from "react";

/**
 * A popover closes as people expect: Esc (kept from the studio's own keys), or a
 * press anywhere outside `within` (its button included, which toggles it itself).
 */
export function useDismiss(open: boolean, within: RefObject<HTMLElement | null>, onDismiss: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      onDismiss();
    };
    const onPointer = (event: PointerEvent) => {
      if (within.current && !within.current.contains(event.target as Node)) onDismiss();
    };
    window.addEventListener("keydown", onKey, true);
    window.addEventListener("pointerdown", onPointer, true);
    return () => {
      window.removeEventListener("keydown", onKey, true);
      window.removeEventListener("pointerdown", onPointer, true);
    };
  }, [open, within, onDismiss]);
}
