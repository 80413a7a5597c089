import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { ChainsCache } from "./chains-cache.js";
import { randomEdit, seeded } from "./random-room-edits.js";
import { RoomDoc } from "./room-doc.js";
import { countChanges, diffChains } from "./version-diff.js";

/** An editor's document, and a copy fed its updates, read through a cache (as History's packer does). */
function editorAndCopy() {
  const editor = new RoomDoc(new Y.Doc());
  const copy = new RoomDoc(new Y.Doc());
  editor.doc.on("update", (update: Uint8Array) => Y.applyUpdate(copy.doc, update));
  return { editor, copy, cache: new ChainsCache(copy) };
}

describe("ChainsCache", () => {
  it("reads just what a read of the whole room reads, whatever people do, over many seeds", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const random = seeded(seed);
      const { editor, copy, cache } = editorAndCopy();
      let before = cache.chains();
      for (let step = 0; step < 40; step++) {
        const edits = 1 + Math.floor(random() * 3);
        for (let i = 0; i < edits; i++) randomEdit(editor, random);
        const cached = cache.chains();
        const fresh = copy.chains();
        expect(cached, `seed ${seed}, step ${step}`).toEqual(fresh);
        expect(countChanges(diffChains(before, cached))).toEqual(countChanges(diffChains(before, fresh)));
        before = cached;
      }
      cache.destroy();
    }
  });

  it("gives the chains nobody changed as the same objects, and reads again the one that changed", () => {
    const { editor, cache } = editorAndCopy();
    const ids = ["Walk", "Run", "Jump"].map((name) => editor.addChain({ name }));
    for (const id of ids) editor.addKeyframe(id, { seed: 1 });
    const first = cache.chains();
    editor.renameChain(ids[1]!, "Sprint");
    const second = cache.chains();
    expect(second[0]).toBe(first[0]);
    expect(second[2]).toBe(first[2]);
    expect(second[1]).not.toBe(first[1]);
    expect(second[1]!.name).toBe("Sprint");
    // A chain added or removed changes the list: everything is read again, and still reads the same.
    editor.deleteChain(ids[0]!);
    expect(cache.chains().map((c) => c.name)).toEqual(["Sprint", "Jump"]);
  });
});
