"use client";

import { useEffect, useRef } from "react";
import { useEscapeKey } from "@/lib/use-escape-key";

/** Every key the studio answers to, as useStudioKeys handles them. */
const SHORTCUTS: { keys: string[]; what: string }[] = [
  { keys: ["←", "→"], what: "Step one frame back or forward" },
  { keys: ["Shift + ←", "Shift + →"], what: "Step 10 frames" },
  { keys: ["Alt + ←", "Alt + →"], what: "Step 100 frames" },
  { keys: ["Home", "End"], what: "Go to the chain's first or last frame" },
  { keys: ["Space"], what: "Play or pause at the chain's fps" },
  { keys: ["J", "K", "L"], what: "Play backward, stop, play forward" },
  { keys: ["Tab"], what: "Select the next keyframe (a click selects one too)" },
  { keys: ["F2"], what: "Rename the selected keyframe" },
  { keys: ["Delete"], what: "Remove the selected keyframe (undo brings it back)" },
  { keys: [",", "."], what: "Move the selected keyframe earlier or later" },
  { keys: ["S"], what: "Switch between the colour and Shadows views" },
  { keys: ["C"], what: "Write a note on the frame on screen (click the frame to pin a spot)" },
  { keys: ["I", "O"], what: "Mark where a note's range starts and ends" },
  { keys: ["[", "]"], what: "Go to the previous or next note" },
  { keys: ["D"], what: "Draw on the open note's frame, or stop drawing" },
  { keys: ["Ctrl/⌘ + Z"], what: "Undo your own last edit" },
  { keys: ["Ctrl/⌘ + Shift + Z", "Ctrl + Y"], what: "Redo" },
  { keys: ["?"], what: "Show or hide this sheet" },
  { keys: ["Esc"], what: "Close this sheet, or clear the keyframe selection" },
];

/** The keyboard shortcut sheet, opened with "?"; closes with Esc, "?" or a click outside. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => dialog.current?.focus(), []);
  useEscapeKey(onClose);

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/60 p-4" onClick={onClose}>
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-label="Keyboard shortcuts"
        tabIndex={-1}
        className="w-full max-w-xl rounded-2xl border border-ink-700 bg-ink-900 p-6 shadow-2xl outline-none"
        onClick={(event) => event.stopPropagation()}
      >
        <div className="mb-4 flex items-center justify-between">
          <h2 className="text-lg font-semibold text-white">Keyboard shortcuts</h2>
          <button type="button" onClick={onClose} className="rounded-md px-2 py-0.5 text-sm text-ink-300 hover:bg-ink-800 hover:text-white">
            Close
          </button>
        </div>
        <dl className="grid grid-cols-[auto_1fr] items-start gap-x-6 gap-y-2 text-sm">
          {SHORTCUTS.map(({ keys, what }) => (
            <div key={what} className="contents">
              <dt className="flex flex-wrap items-start gap-1">
                {keys.map((key) => (
                  <kbd key={key} className="rounded border border-ink-600 bg-ink-950 px-1.5 py-0.5 font-mono text-xs text-ink-100">
                    {key}
                  </kbd>
                ))}
              </dt>
              <dd className="text-ink-300">{what}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4 text-xs text-ink-500">Keys are ignored while you type in a field.</p>
      </div>
    </div>
  );
}
