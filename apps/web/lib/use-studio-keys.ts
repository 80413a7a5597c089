"use client";

import { useEffect } from "react";

export interface StudioKeys {
  step(delta: number): void;
  /** Home and End: the chain's first and last frame. */
  goToEnd(end: "first" | "last"): void;
  togglePlay(): void;
  /** J and L play backward and forward, K stops (Premiere's shuttle keys). */
  play(direction: 1 | -1): void;
  pause(): void;
  undo(): void;
  redo(): void;
  toggleShadows(): void;
  toggleShortcuts(): void;
  /** On the selected keyframe, when there is one: F2, Delete, "," and ".", Esc. */
  keyframe: { rename(): void; remove(): void; move(delta: -1 | 1): void; deselect(): void } | null;
  /** Review, for commenters and up: C writes a note, D draws, I/O mark a range, [ and ] move between notes. */
  review: { comment(): void; draw(): void; markIn(): void; markOut(): void; note(direction: -1 | 1): void } | null;
}

/**
 * Marrow's keys: ←/→ step 1, with Shift 10, with Alt 100; space plays and pauses;
 * Ctrl/Cmd+Z undoes, with Shift (or Ctrl+Y) redoes; S toggles the shadows view;
 * "?" shows the shortcut sheet. Then the editor's: Home/End, J/K/L, and the
 * selected keyframe's F2, Delete and ","/"."; and review's C, D, I, O, [ and ].
 * Ignored while typing in a field.
 */
export function useStudioKeys(keys: StudioKeys): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName))) return;
      const mod = event.ctrlKey || event.metaKey;
      const plain = !mod && !event.altKey;
      const key = event.key.toLowerCase();
      if (mod && key === "z") keys[event.shiftKey ? "redo" : "undo"]();
      else if (mod && key === "y") keys.redo();
      else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
        const size = event.altKey ? 100 : event.shiftKey ? 10 : 1;
        keys.step(event.key === "ArrowLeft" ? -size : size);
      } else if (event.key === "Home" || event.key === "End") keys.goToEnd(event.key === "Home" ? "first" : "last");
      else if (event.key === " ") keys.togglePlay();
      else if (plain && key === "j") keys.play(-1);
      else if (plain && key === "k") keys.pause();
      else if (plain && key === "l") keys.play(1);
      else if (plain && key === "s") keys.toggleShadows();
      else if (event.key === "?") keys.toggleShortcuts();
      else if (keys.keyframe && event.key === "F2") keys.keyframe.rename();
      else if (keys.keyframe && (event.key === "Delete" || event.key === "Backspace")) keys.keyframe.remove();
      else if (keys.keyframe && plain && (event.key === "," || event.key === ".")) keys.keyframe.move(event.key === "," ? -1 : 1);
      else if (keys.keyframe && event.key === "Escape") keys.keyframe.deselect();
      else if (keys.review && plain && key === "c") keys.review.comment();
      else if (keys.review && plain && key === "d") keys.review.draw();
      else if (keys.review && plain && key === "i") keys.review.markIn();
      else if (keys.review && plain && key === "o") keys.review.markOut();
      else if (keys.review && plain && (event.key === "[" || event.key === "]")) keys.review.note(event.key === "[" ? -1 : 1);
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [keys]);
}
