"use client";

import { frameNumber } from "@umbra/doc";
import { useFrameNumbering } from "@/lib/frame-numbering";
import { clusterPins, type PlacedNote } from "@/lib/placed-notes";
import { frameToX, type TimelineScale } from "@/lib/timeline-scale";

/** Pins within this of a marker share it, with a count: wide enough that markers of three-digit counts do not overlap. */
const CLUSTER_PX = 24;

/**
 * Review notes on the timeline at their frames, in their authors' colours: a
 * range as a bar, resolved ones dimmed, close ones clustered with a count. A
 * press opens the note (the first of a cluster) and moves the playhead there.
 */
export function NotePins({
  scale,
  notes,
  selectedId,
  marked,
  onOpen,
}: {
  scale: TimelineScale;
  notes: PlacedNote[];
  selectedId: string | null;
  /** The range marked for the next note, drawn as a band (one end alone as a tick). */
  marked: { in: number | null; out: number | null };
  onOpen: (note: PlacedNote) => void;
}) {
  const numbering = useFrameNumbering();
  const placed = notes.filter((n) => n.frame !== null).map((note) => ({ note, x: frameToX(scale, note.frame!) }));
  const ends = [marked.in, marked.out].filter((n): n is number => n !== null).map((n) => frameToX(scale, n));
  return (
    <div className="relative h-5 border-b border-ink-800" data-testid="note-pins" aria-label="Notes on this chain">
      {ends.length > 0 && (
        <span
          data-testid="marked-range"
          className="pointer-events-none absolute inset-y-0 border-x-2 border-amber-300 bg-amber-300/15"
          style={{ left: Math.min(...ends) - 1, width: Math.max(2, Math.max(...ends) - Math.min(...ends) + 2) }}
        />
      )}
      {placed.map(({ note, x }) =>
        note.endFrame !== null && note.endFrame !== note.frame ? (
          <span
            key={`range-${note.thread.id}`}
            className={`pointer-events-none absolute top-3 h-1 rounded-full ${note.thread.status === "resolved" ? "opacity-30" : "opacity-70"}`}
            style={{ left: Math.min(x, frameToX(scale, note.endFrame)), width: Math.abs(frameToX(scale, note.endFrame) - x), backgroundColor: note.thread.author.color }}
          />
        ) : null,
      )}
      {clusterPins(placed, CLUSTER_PX).map(({ x, pins }) => {
        const first = pins[0]!.note;
        const resolved = pins.every((p) => p.note.thread.status === "resolved");
        const selected = pins.some((p) => p.note.thread.id === selectedId);
        const at = frameNumber(first.frame!, numbering);
        const label = pins.length > 1 ? `${pins.length} notes at frame ${at}` : `Note at frame ${at} by ${first.thread.author.name}, ${first.thread.comments} ${first.thread.comments === 1 ? "comment" : "comments"}`;
        return (
          <button
            key={first.thread.id}
            type="button"
            data-testid="note-pin"
            data-frame={first.frame}
            aria-label={label}
            title={label}
            onClick={() => onOpen(first)}
            className={`absolute top-0.5 flex h-4 min-w-4 -translate-x-1/2 items-center justify-center rounded-full rounded-bl-none px-1 text-[9px] font-bold text-black ${
              resolved ? "opacity-40" : ""
            } ${selected ? "ring-2 ring-white" : ""} ${pins.some((p) => p.note.unread) ? "shadow-[0_0_6px] shadow-white" : ""}`}
            style={{ left: x, backgroundColor: first.thread.author.color }}
          >
            {pins.length > 1 ? pins.length : ""}
          </button>
        );
      })}
    </div>
  );
}
