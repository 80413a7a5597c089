"use client";

import type { Keyframe } from "@umbra/doc";

/**
 * One keyframe on the track: its thumbnail centred on its frame, as wide as the
 * zoom allows, and its name, reaching on towards the next keyframe (the last one's
 * reaches back towards the one before, since nothing follows it). A press selects it and moves the playhead to it;
 * focus (Tab) selects it too. Editors drag it onto another keyframe to reorder.
 */
export function KeyframeCard({
  keyframe,
  name,
  index,
  thumbnail,
  centre,
  size,
  labelWidth,
  alignEnd,
  canEdit,
  selected,
  onSelect,
  onGo,
  onDragStart,
  onDrop,
}: {
  keyframe: Keyframe;
  name: string;
  index: number;
  thumbnail: string | undefined;
  centre: number;
  size: number;
  labelWidth: number;
  /** The name ends under the thumbnail's right edge instead of starting at its left. */
  alignEnd: boolean;
  canEdit: boolean;
  selected: boolean;
  onSelect: () => void;
  onGo: () => void;
  onDragStart: () => void;
  onDrop: () => void;
}) {
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
      data-keyframe-id={keyframe.id}
      className={`absolute top-1 flex flex-col gap-0.5 ${alignEnd ? "items-end" : "items-start"}`}
      style={{ left: alignEnd ? centre + size / 2 - labelWidth : centre - size / 2, width: labelWidth }}
    >
      <button
        type="button"
        onClick={onGo}
        onFocus={onSelect}
        aria-pressed={selected}
        aria-label={`Keyframe ${index + 1}, ${name}`}
        className={`block overflow-hidden rounded-md border-2 bg-ink-800 ${selected ? "border-accent-400 shadow-[0_0_0_2px] shadow-accent-500/40" : "border-ink-600 hover:border-ink-400"} ${canEdit ? "cursor-grab" : ""}`}
        style={{ width: size, height: size }}
      >
        {thumbnail ? (
          // A blob URL of a JPEG thumbnail from the socket: next/image cannot optimise it.
          // eslint-disable-next-line @next/next/no-img-element
          <img src={thumbnail} alt="" className="h-full w-full object-cover" draggable={false} />
        ) : (
          <span className="flex h-full items-center justify-center text-[10px] text-ink-400">…</span>
        )}
      </button>
      <span className={`max-w-full truncate rounded px-1 font-mono text-[10px] ${selected ? "bg-accent-500/30 text-white" : "text-ink-300"}`} title={`${index + 1}. ${name}`}>
        {index + 1}. {name}
      </span>
    </div>
  );
}
