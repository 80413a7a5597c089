"use client";

import { useState } from "react";
import { MAX_LABEL_LENGTH, type Keyframe } from "@umbra/doc";

/** One keyframe of the filmstrip: its thumbnail, label or seed; draggable by editors. */
export function KeyframeCard({
  keyframe,
  index,
  thumbnail,
  canEdit,
  active,
  onSelect,
  onRelabel,
  onRemove,
  onDragStart,
  onDrop,
}: {
  keyframe: Keyframe;
  index: number;
  thumbnail: string | undefined;
  canEdit: boolean;
  active: boolean;
  onSelect: () => void;
  onRelabel: (label: string | null) => void;
  onRemove: () => void;
  onDragStart: () => void;
  onDrop: () => void;
}) {
  const [relabeling, setRelabeling] = useState(false);
  const name = keyframe.label ?? ("seed" in keyframe.latent ? `seed ${keyframe.latent.seed}` : "imported");
  return (
    <div
      draggable={canEdit}
      onDragStart={(event) => {
        event.dataTransfer.effectAllowed = "move";
        onDragStart();
      }}
      onDragOver={(event) => canEdit && event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault();
        onDrop();
      }}
      data-testid="keyframe"
      className={`group relative flex w-20 shrink-0 flex-col gap-1 rounded-lg border p-1 ${active ? "border-accent-400 bg-ink-800" : "border-ink-700 bg-ink-950"} ${canEdit ? "cursor-grab" : ""}`}
    >
      <button type="button" onClick={onSelect} className="block aspect-square w-full overflow-hidden rounded-md bg-ink-800" aria-label={`Go to keyframe ${index + 1}, ${name}`}>
        {thumbnail ? (
          // A blob URL of a JPEG thumbnail from the socket: next/image cannot optimise it.
          // eslint-disable-next-line @next/next/no-img-element
          <img src={thumbnail} alt="" className="h-full w-full object-cover" draggable={false} />
        ) : (
          <span className="flex h-full items-center justify-center text-[10px] text-ink-400">…</span>
        )}
      </button>
      {relabeling ? (
        <input
          autoFocus
          defaultValue={keyframe.label ?? ""}
          maxLength={MAX_LABEL_LENGTH}
          aria-label="Keyframe label"
          placeholder="label"
          className="w-full rounded bg-ink-900 px-0.5 font-mono text-[10px] text-white"
          onBlur={() => setRelabeling(false)}
          onKeyDown={(event) => {
            if (event.key === "Escape") setRelabeling(false);
            if (event.key !== "Enter") return;
            onRelabel(event.currentTarget.value.trim() || null);
            setRelabeling(false);
          }}
        />
      ) : (
        <span className="truncate px-0.5 font-mono text-[10px] text-ink-300" title={canEdit ? `${name} (double-click to label)` : name} onDoubleClick={() => canEdit && setRelabeling(true)}>
          {index + 1}. {name}
        </span>
      )}
      {canEdit && (
        <button
          type="button"
          onClick={onRemove}
          aria-label={`Remove keyframe ${index + 1}`}
          className="absolute right-0.5 top-0.5 hidden h-5 w-5 items-center justify-center rounded-full bg-black/70 text-xs text-white group-hover:flex"
        >
          ×
        </button>
      )}
    </div>
  );
}
