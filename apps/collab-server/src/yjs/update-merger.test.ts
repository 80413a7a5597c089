import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { UpdateMerger } from "./update-merger.js";

describe("UpdateMerger", () => {
  const merger = new UpdateMerger();
  afterAll(() => merger.close());

  it("merges on its thread exactly as Y.mergeUpdates does, many at once", async () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on("update", (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 200; i++) doc.getArray<number>("n").push([i]);
    const [merged, half] = await Promise.all([merger.merge(updates), merger.merge(updates.slice(0, 100))]);
    expect(Buffer.from(merged).equals(Buffer.from(Y.mergeUpdates(updates)))).toBe(true);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, half);
    expect(copy.getArray<number>("n").length).toBe(100);
  });

  it("fails a malformed update with the reason, and merges again after", async () => {
    // One update comes back as it is; two are parsed, and these cannot be.
    await expect(merger.merge([new Uint8Array([255, 255, 255, 255, 255]), new Uint8Array([255, 1, 2])])).rejects.toThrow(/merging Yjs updates failed: Unexpected end of array/);
    const doc = new Y.Doc();
    doc.getMap("m").set("k", 1);
    expect((await merger.merge([Y.encodeStateAsUpdate(doc)])).length).toBeGreaterThan(0);
  });
});
