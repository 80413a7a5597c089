// Compaction merges outside its transaction and writes optimistically: compactions
// racing each other and appends meanwhile never lose a row, on PGlite and Postgres.
import { afterEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openDatabase, type Database } from "@umbra/db";
import { createScratchTarget, scratchKinds, type ScratchTarget } from "@umbra/db/testing";
import { DocumentStore } from "./document-store.js";

/** One update that puts `n` in the shared array, from its own client. */
function updateWith(n: number): Uint8Array {
  const doc = new Y.Doc();
  doc.getArray<number>("numbers").push([n]);
  return Y.encodeStateAsUpdate(doc);
}

describe.each(scratchKinds())("DocumentStore on %s", (kind) => {
  let scratch: ScratchTarget;
  let database: Database;
  afterEach(async () => {
    await database?.close();
    await scratch?.dispose();
  });

  it("loses no row when compactions race each other and appends go on meanwhile", async () => {
    scratch = await createScratchTarget(kind);
    database = await openDatabase(scratch.target);
    const room = (await database.prisma.room.create({ data: { name: "Race", model: "builtin/cppn" } })).id;
    const store = new DocumentStore(database.prisma);
    let next = 0;
    const append = (count: number) => store.append(room, Array.from({ length: count }, () => updateWith(next++)));
    await append(40);
    for (let round = 0; round < 5; round++) {
      // A committed row before the race: otherwise the last round's compactions may have
      // taken every row, and this round's could all read an empty log and rightly merge nothing.
      await append(1);
      const merged = await Promise.all([store.compact(room), append(3), store.compact(room), append(2), store.compact(room)]);
      expect(merged.filter((n): n is number => typeof n === "number" && n > 0).length, `round ${round}: some compaction merged`).toBeGreaterThan(0);
    }
    await store.compact(room);
    const doc = new Y.Doc();
    for (const update of await store.load(room)) Y.applyUpdate(doc, update);
    expect(doc.getArray<number>("numbers").toArray().sort((a, b) => a - b)).toEqual(Array.from({ length: next }, (_, i) => i));
    expect(await store.logLength(room)).toBe(0);
    await store.close();
  });
});
