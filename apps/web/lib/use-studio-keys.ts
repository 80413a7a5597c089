"use client";

import { useEffect } from "react";
import { actionFor, type StudioCommands } from "./actions/studio-actions";

/**
 * The studio's keys, as the action table (lib/actions/studio-actions.ts) binds them
 * to `commands`; ignored while typing in a field.
 */
export function useStudioKeys(commands: StudioCommands): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(target.tagName))) return;
      const found = actionFor(event, commands);
      if (!found) return;
      found.run();
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [commands]);
}
