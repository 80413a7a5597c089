import { describe, expect, it } from "vitest";
import { adjacentNote, clusterPins, type PlacedNote } from "./placed-notes";

describe("note pins", () => {
  it("clusters pins within the gap of a cluster's first pin, and keeps the rest apart", () => {
    const clusters = clusterPins([{ x: 100 }, { x: 10 }, { x: 14 }, { x: 17 }, { x: 60 }], 8);
    expect(clusters.map((c) => [c.x, c.pins.length])).toEqual([
      [10, 3],
      [60, 1],
      [100, 1],
    ]);
  });

  it("marks a dense stretch every gap's width, not as one marker for all of it", () => {
    const clusters = clusterPins(Array.from({ length: 100 }, (_, i) => ({ x: i * 2 })), 8);
    expect(clusters.map((c) => c.x)).toEqual(Array.from({ length: 25 }, (_, i) => i * 8));
    expect(clusters.every((c) => c.pins.length === 4)).toBe(true);
  });

  it("finds the previous and next note by frame, wrapping around and skipping orphans", () => {
    const note = (frame: number | null) => ({ frame }) as PlacedNote;
    const notes = [note(5), note(17), note(null), note(40)];
    expect(adjacentNote(notes, 17, 1)?.frame).toBe(40);
    expect(adjacentNote(notes, 40, 1)?.frame).toBe(5);
    expect(adjacentNote(notes, 17, -1)?.frame).toBe(5);
    expect(adjacentNote(notes, 5, -1)?.frame).toBe(40);
    expect(adjacentNote([note(null)], 0, 1)).toBeNull();
  });
});
