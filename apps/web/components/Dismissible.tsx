"use client";

import type { ReactNode } from "react";

const TONES = {
  problem: { role: "alert", box: "border-rose-900 bg-rose-950/40 text-rose-300" },
  notice: { role: "status", box: "border-ink-700 bg-ink-900 text-ink-200" },
} as const;

/** A banner over the preview that stays until its ✕ is pressed: a problem, or news such as what an import brought in. */
export function Dismissible({ tone, onDismiss, children }: { tone: keyof typeof TONES; onDismiss: () => void; children: ReactNode }) {
  const { role, box } = TONES[tone];
  return (
    <div role={role} className={`flex items-start justify-between gap-3 rounded-lg border px-3 py-2 text-sm ${box}`}>
      <p>{children}</p>
      <button type="button" aria-label="Dismiss" title="Dismiss" onClick={onDismiss} className="shrink-0 leading-5 opacity-70 hover:opacity-100">
        ✕
      </button>
    </div>
  );
}
