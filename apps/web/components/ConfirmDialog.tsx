"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { useEscapeKey } from "@/lib/use-escape-key";

/**
 * A modal question before something that loses work: says what goes, with the
 * safe choice focused. Esc or Cancel backs out.
 */
export function ConfirmDialog({
  title,
  children,
  confirm,
  busy = false,
  error = null,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirm: string;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  useEscapeKey(onCancel);
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/60 p-4" onClick={onCancel}>
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        aria-describedby="confirm-body"
        className="flex w-full max-w-md flex-col gap-3 rounded-2xl border border-ink-700 bg-ink-900 p-5 shadow-2xl shadow-black/60"
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id="confirm-title" className="break-words text-base font-semibold text-white">
          {title}
        </h2>
        <p id="confirm-body" className="text-sm text-ink-300">
          {children}
        </p>
        {error && (
          <p role="alert" className="text-sm text-rose-400">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button ref={cancel} type="button" onClick={onCancel} className="rounded-lg border border-ink-600 px-3 py-1.5 text-sm text-ink-200 hover:text-white">
            Cancel
          </button>
          <button type="button" disabled={busy} onClick={onConfirm} className="rounded-lg bg-rose-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-500 disabled:opacity-50">
            {confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
