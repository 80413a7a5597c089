"use client";

import { useEffect } from "react";

/**
 * Esc calls `onEscape` while the caller is mounted (a dialog) and `active` (an open
 * popover): heard before the studio's own keys, and kept from them, so it closes only
 * the dialog.
 */
export function useEscapeKey(onEscape: () => void, active = true): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      onEscape();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [onEscape, active]);
}
