import { anchorFrame, placeAnchor, roomRecipeOverrides, type AnchorState, type Chain } from "@umbra/doc";
import type { Thread, ThreadSummary } from "@umbra/protocol";

/** A review thread where it sits on today's chains. */
export interface PlacedNote {
  /** What the timeline needs of it: every note has this. */
  thread: ThreadSummary;
  /** Its comments and drawing, once loaded (opened, in view, or changed since you came); null until then. */
  whole: Thread | null;
  /** The chain frame today; null when orphaned. */
  frame: number | null;
  /** The end of its range, when it has one that is still there. */
  endFrame: number | null;
  /** Someone else wrote in it since you last read it. */
  unread: boolean;
}

/** Where each note sits on today's chains: its frame only, no recipe built, so ten thousand place at once (see noteState). */
export function placeNotes(summaries: readonly ThreadSummary[], whole: Readonly<Record<string, Thread>>, chains: readonly Chain[]): PlacedNote[] {
  return summaries
    .map((thread) => {
      const frame = anchorFrame(chains, thread.anchor);
      const endFrame = thread.rangeEnd && frame !== null ? anchorFrame(chains, thread.rangeEnd) : null;
      return { thread, whole: whole[thread.id] ?? null, frame, endFrame, unread: thread.unread };
    })
    // A stable sort: notes on one frame stay in the order written, as the summaries come.
    .sort((a, b) => (a.frame ?? Infinity) - (b.frame ?? Infinity));
}

/** Whether the frame at a note's anchor is still the image pinned, changed, or gone; for one note at a time (it builds and hashes a recipe). */
export function noteState(note: PlacedNote, chains: readonly Chain[], roomTruncation: number | null): AnchorState {
  return placeAnchor(chains, note.thread.anchor, note.thread.pinned, roomRecipeOverrides(roomTruncation)).state;
}

/**
 * Pins within `gap` pixels of a cluster's first pin share one marker with a count;
 * each cluster keeps its notes in frame order. Measured from the first pin, not the
 * last, so a dense stretch of notes becomes a marker every `gap` pixels rather than
 * one marker for all of it.
 */
export function clusterPins<T extends { x: number }>(pins: T[], gap: number): { x: number; pins: T[] }[] {
  const sorted = [...pins].sort((a, b) => a.x - b.x);
  const clusters: { x: number; pins: T[] }[] = [];
  for (const pin of sorted) {
    const last = clusters.at(-1);
    if (last && pin.x - last.x < gap) last.pins.push(pin);
    else clusters.push({ x: pin.x, pins: [pin] });
  }
  return clusters;
}

/** The note before or after `frame` on the timeline, wrapping around: [ and ]. */
export function adjacentNote(notes: PlacedNote[], frame: number, direction: -1 | 1): PlacedNote | null {
  const placed = notes.filter((n) => n.frame !== null);
  if (placed.length === 0) return null;
  if (direction === 1) return placed.find((n) => n.frame! > frame) ?? placed[0]!;
  return [...placed].reverse().find((n) => n.frame! < frame) ?? placed.at(-1)!;
}
