import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { RoomDoc } from "./room-doc.js";

function linked(): [RoomDoc, RoomDoc] {
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on("update", (update: Uint8Array) => Y.applyUpdate(b, update));
  b.on("update", (update: Uint8Array) => Y.applyUpdate(a, update));
  return [new RoomDoc(a), new RoomDoc(b)];
}

describe("RoomDoc", () => {
  it("adds and removes keyframes, and peers see the same chain", () => {
    const [a, b] = linked();
    let changes = 0;
    const stop = b.observe(() => changes++);
    const first = a.addKeyframe(42);
    const second = b.addKeyframe(7, 24);
    expect(a.keyframes()).toEqual([first, second]);
    expect(b.keyframes()).toEqual([{ id: first.id, seed: 42, frames: 60 }, { id: second.id, seed: 7, frames: 24 }]);
    expect(a.removeKeyframe(first.id)).toBe(true);
    expect(a.removeKeyframe(first.id)).toBe(false);
    expect(b.keyframes()).toEqual([second]);
    expect(changes).toBe(3);
    stop();
    a.addKeyframe(1);
    expect(changes).toBe(3);
    expect(b.doc.getMap("meta").get("schemaVersion")).toBe(1);
  });

  it("refuses bad seeds and frame counts without touching the document", () => {
    const [a] = linked();
    expect(() => a.addKeyframe(-1)).toThrow();
    expect(() => a.addKeyframe(1.5)).toThrow();
    expect(() => a.addKeyframe(3, 0)).toThrow(/1 to 10000 frames/);
    expect(a.keyframes()).toEqual([]);
  });

  it("skips entries a newer layout wrote that it cannot read", () => {
    const [a] = linked();
    a.doc.getArray<Y.Map<unknown>>("keyframes").push([new Y.Map<unknown>([["id", "x"], ["latent", "…"]])]);
    a.addKeyframe(5);
    expect(a.keyframes().map((k) => k.seed)).toEqual([5]);
  });
});
