"use client";

import { useEffect, useRef } from "react";
import { MAX_LABEL_LENGTH, type Keyframe } from "@umbra/doc";
import { actionTitle } from "@/lib/actions/studio-actions";

const action = "rounded border border-ink-600 px-1.5 py-0.5 text-[11px] text-ink-200 enabled:hover:border-accent-500 enabled:hover:text-white disabled:opacity-40";

/** The selected keyframe's commands, each also on a key (the action table's titles say which). */
export function KeyframeInspector({
  keyframe,
  name,
  index,
  count,
  canEdit,
  renaming,
  onRenaming,
  onRelabel,
  onMove,
  onRemove,
}: {
  keyframe: Keyframe;
  name: string;
  index: number;
  count: number;
  canEdit: boolean;
  renaming: boolean;
  onRenaming: (on: boolean) => void;
  onRelabel: (label: string | null) => void;
  onMove: (toIndex: number) => void;
  onRemove: () => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (renaming) input.current?.select();
  }, [renaming]);
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-2 text-xs text-ink-400" role="group" aria-label="Selected keyframe" data-testid="keyframe-inspector">
      <span className="font-medium text-ink-200">Keyframe {index + 1}</span>
      {renaming ? (
        <input
          ref={input}
          autoFocus
          defaultValue={keyframe.label ?? ""}
          maxLength={MAX_LABEL_LENGTH}
          aria-label="Keyframe label"
          placeholder="label (empty: its seed)"
          className="w-48 rounded bg-ink-950 px-1 py-0.5 font-mono text-xs text-white"
          onBlur={() => onRenaming(false)}
          onKeyDown={(event) => {
            if (event.key === "Escape") onRenaming(false);
            if (event.key !== "Enter") return;
            onRelabel(event.currentTarget.value.trim() || null);
            onRenaming(false);
          }}
        />
      ) : (
        <span className="max-w-64 truncate font-mono text-ink-300" title={name}>
          {name}
        </span>
      )}
      {canEdit && (
        <>
          <button type="button" className={action} onClick={() => onRenaming(true)} title={actionTitle("rename-keyframe")}>
            Rename
          </button>
          <button type="button" className={action} disabled={index === 0} onClick={() => onMove(index - 1)} title={actionTitle("keyframe-earlier")} aria-label="Move keyframe earlier">
            ◀ Move
          </button>
          <button type="button" className={action} disabled={index === count - 1} onClick={() => onMove(index + 1)} title={actionTitle("keyframe-later")} aria-label="Move keyframe later">
            Move ▶
          </button>
          <button type="button" className={`${action} enabled:hover:border-rose-500 enabled:hover:text-rose-300`} onClick={onRemove} title={actionTitle("remove-keyframe")} aria-label={`Remove keyframe ${index + 1}`}>
            Remove
          </button>
        </>
      )}
    </div>
  );
}
