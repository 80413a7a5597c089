"use client";

import { useEffect, useRef } from "react";
import { STUDIO_ACTIONS, actionKeys } from "@/lib/actions/studio-actions";
import { useEscapeKey } from "@/lib/use-escape-key";

/** The keyboard shortcut sheet, opened with "?", listing the action table; closes with Esc, "?" or a click outside. */
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
        className="max-h-[calc(100dvh-2rem)] w-full max-w-xl overflow-y-auto rounded-2xl border border-ink-700 bg-ink-900 p-6 shadow-2xl outline-none"
        onClick={(event) => event.stopPropagation()}
      >
        <div className="mb-4 flex items-center justify-between">
          <h2 className="text-lg font-semibold text-white">Keyboard shortcuts</h2>
          <button type="button" onClick={onClose} className="rounded-md px-2 py-0.5 text-sm text-ink-300 hover:bg-ink-800 hover:text-white">
            Close
          </button>
        </div>
        <dl className="grid grid-cols-[auto_1fr] items-start gap-x-6 gap-y-1.5 text-sm">
          {STUDIO_ACTIONS.map((action) => (
            <div key={action.id} className="contents">
              <dt className="flex flex-wrap items-start gap-1">
                {actionKeys(action).map((key) => (
                  <kbd key={key} className="rounded border border-ink-600 bg-ink-950 px-1.5 py-0.5 font-mono text-xs text-ink-100">
                    {key}
                  </kbd>
                ))}
              </dt>
              <dd className="text-ink-300">{action.label}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-4 text-xs text-ink-500">Esc, &quot;?&quot; or a click outside closes this sheet. Keys are ignored while you type in a field.</p>
      </div>
    </div>
  );
}
