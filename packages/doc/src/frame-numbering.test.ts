import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { RoomDoc } from "./room-doc.js";
import { DEFAULT_FRAME_NUMBERING } from "./schema.js";
import { frameIndex, frameNumber, frameWhere, timecode } from "./timeline.js";

describe("frame numbering", () => {
  it("counts from 1 by default, or from 0, and maps numbers back to chain indices", () => {
    expect(DEFAULT_FRAME_NUMBERING).toEqual({ firstFrame: 1, timecodeStart: 0 });
    expect(frameNumber(0)).toBe(1);
    expect(frameNumber(42)).toBe(43);
    expect(frameIndex(43)).toBe(42);
    const fromZero = { firstFrame: 0, timecodeStart: 0 } as const;
    expect(frameNumber(42, fromZero)).toBe(42);
    expect(frameIndex(42, fromZero)).toBe(42);
  });

  it("writes timecode from the room's start, whatever the first frame's number", () => {
    expect(timecode(0, 24)).toBe("0:00:00");
    expect(timecode(30, 24)).toBe("0:01:06");
    expect(timecode(30, 24, { firstFrame: 0, timecodeStart: 0 })).toBe("0:01:06");
    expect(timecode(0, 25, { firstFrame: 1, timecodeStart: 3600 })).toBe("1:00:00:00");
    expect(timecode(25 * 61 + 3, 25, { firstFrame: 1, timecodeStart: 3600 })).toBe("1:01:01:03");
    expect(timecode(24 * 3600, 24)).toBe("1:00:00:00");
    // The ruler's tick and a note on the same frame say the same thing.
    expect(frameWhere(30, 24)).toBe(`frame 31 · ${timecode(30, 24)}`);
  });

  it("is a room setting every peer reads, checked on the way in and defensive on the way out", () => {
    const a = new RoomDoc(new Y.Doc());
    const b = new RoomDoc(new Y.Doc());
    a.doc.on("update", (update: Uint8Array) => Y.applyUpdate(b.doc, update));
    expect(b.frameNumbering()).toEqual(DEFAULT_FRAME_NUMBERING);
    a.setFrameNumbering({ firstFrame: 0 });
    a.setFrameNumbering({ timecodeStart: 3600 });
    expect(b.frameNumbering()).toEqual({ firstFrame: 0, timecodeStart: 3600 });
    expect(() => a.setFrameNumbering({ firstFrame: 2 as 0 })).toThrow(/start at 0 or 1/);
    expect(() => a.setFrameNumbering({ timecodeStart: -1 })).toThrow(/whole number of seconds/);
    expect(() => a.setFrameNumbering({ timecodeStart: 86_400 })).toThrow(/whole number of seconds/);
    // What an old or buggy peer wrote reads as the nearest allowed value, never as a throw.
    a.doc.getMap("meta").set("timecodeStart", 1e12);
    a.doc.getMap("meta").set("firstFrame", "one");
    expect(b.frameNumbering()).toEqual({ firstFrame: 1, timecodeStart: 86_399 });
  });
});
