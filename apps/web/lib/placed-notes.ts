import { placeAnchor, roomRecipeOverrides, type AnchorState, type Chain } from "@umbra/doc";
import type { Author, Comment, Thread } from "@umbra/protocol";

/**
 * Who "you" are to the notes. With accounts, your user id; in local mode everyone
 * is the one local user, so your name in this browser decides.
 */
export interface NoteReader {
  isMe(author: Author): boolean;
  mentionsMe(comment: Comment): boolean;
}

/** A review thread where it sits on today's chains. */
export interface PlacedNote {
  thread: Thread;
  state: AnchorState;
  /** The chain frame today; null when orphaned. */
  frame: number | null;
  /** The end of its range, when it has one that is still there. */
  endFrame: number | null;
  /** Someone else wrote in it since you last read it. */
  unread: boolean;
  /** One of its comments mentions you. */
  mentionsMe: boolean;
}

export function placeNotes(threads: Thread[], chains: readonly Chain[], roomTruncation: number | null, reader: NoteReader, readAt: Record<string, string>): PlacedNote[] {
  const overrides = roomRecipeOverrides(roomTruncation);
  return threads
    .map((thread) => {
      const placed = placeAnchor(chains, thread.anchor, thread.recipe, overrides);
      const end = thread.rangeEnd && placed.frame !== null ? placeAnchor(chains, thread.rangeEnd, thread.recipe, overrides).frame : null;
      const read = readAt[thread.id] ?? "";
      return {
        thread,
        state: placed.state,
        frame: placed.frame,
        endFrame: end,
        unread: thread.comments.some((c) => !reader.isMe(c.author) && c.createdAt > read),
        mentionsMe: thread.comments.some((c) => !c.deletedAt && reader.mentionsMe(c)),
      };
    })
    .sort((a, b) => (a.frame ?? Infinity) - (b.frame ?? Infinity) || a.thread.createdAt.localeCompare(b.thread.createdAt));
}

/** Pins closer than `gap` pixels share one marker with a count; each cluster keeps its notes in frame order. */
export function clusterPins<T extends { x: number }>(pins: T[], gap: number): { x: number; pins: T[] }[] {
  const sorted = [...pins].sort((a, b) => a.x - b.x);
  const clusters: { x: number; pins: T[] }[] = [];
  for (const pin of sorted) {
    const last = clusters.at(-1);
    if (last && pin.x - last.pins.at(-1)!.x < gap) last.pins.push(pin);
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
