"use client";

import { useEffect } from "react";

/**
 * Esc calls `onEscape` while the caller is mounted (a dialog): heard before the
 * studio's own keys, and kept from them, so it closes only the dialog.
 */
export function useEscapeKey(onEscape: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      event.stopPropagation();
      onEscape();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [onEscape]);
}
