"use client";

import { useEffect } from "react";

export interface StudioKeys {
  step(delta: number): void;
  togglePlay(): void;
  undo(): void;
  redo(): void;
  toggleShadows(): void;
  toggleShortcuts(): void;
}

/**
 * Marrow's keys: ←/→ step 1, with Shift 10, with Alt 100; space plays and pauses;
 * Ctrl/Cmd+Z undoes, with Shift (or Ctrl+Y) redoes; S toggles the shadows view;
 * "?" shows the shortcut sheet. Ignored while typing in a field.
 */
export function useStudioKeys(keys: StudioKeys): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName))) return;
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key.toLowerCase() === "z") keys[event.shiftKey ? "redo" : "undo"]();
      else if (mod && event.key.toLowerCase() === "y") keys.redo();
      else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
        const size = event.altKey ? 100 : event.shiftKey ? 10 : 1;
        keys.step(event.key === "ArrowLeft" ? -size : size);
      } else if (event.key === " ") keys.togglePlay();
      else if (!mod && !event.altKey && event.key.toLowerCase() === "s") keys.toggleShadows();
      else if (event.key === "?") keys.toggleShortcuts();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [keys]);
}
