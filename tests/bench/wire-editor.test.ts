// The fan-out bench's wire editor must count as an editor: its edits reach stock
// providers, and it hears every edit they make, read from the bytes it receives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc } from "@umbra/doc";
import { connectWireEditor, fanoutName, namesIn } from "../../bench/wire-editor.js";
import { startStack, type Stack } from "../support/stack.js";
import { connectDoc, eventually } from "../support/yjs-client.js";

describe("the bench's wire editor", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ kind: "pglite", withWorker: false, open: true });
  });
  afterAll(() => stack?.close());

  it("syncs with the room, sends its edits to stock providers, and hears theirs without applying them", async () => {
    const roomId = (await stack.api.createRoom("wire")).id;
    const token = await stack.api.realtimeToken(roomId);
    const stock = connectDoc(stack.collab.url, roomId, token);
    await stock.synced;
    const stockRoom = new RoomDoc(stock.doc);
    const before = stockRoom.addChain({ name: "there before" });
    const heard: { editor: number; seq: number }[] = [];
    const wire = connectWireEditor(stack.collab.url, roomId, token, (update) => heard.push(...namesIn(update)));
    try {
      await wire.synced;
      const wireRoom = new RoomDoc(wire.doc);
      expect(wireRoom.chain(before)?.name).toBe("there before");

      const mine = wireRoom.addChain({ name: fanoutName(1, 0) });
      wireRoom.renameChain(mine, fanoutName(1, 1));
      await eventually(() => stockRoom.chain(mine)?.name === fanoutName(1, 1), "the stock provider holds the wire editor's rename");

      const theirs = stockRoom.addChain({ name: fanoutName(0, 0) });
      for (const seq of [1, 2, 3]) stockRoom.renameChain(theirs, fanoutName(0, seq));
      await eventually(() => heard.some((n) => n.editor === 0 && n.seq === 3), "the wire editor heard the last rename");
      expect(heard.filter((n) => n.editor === 0).map((n) => n.seq)).toEqual([0, 1, 2, 3]);
      // Heard, not applied: its document holds only what was there at sync and its own edits.
      expect(wireRoom.chain(theirs)).toBeNull();
    } finally {
      wire.close();
      stock.destroy();
    }
  });

  it("finds every name in an update's bytes, and none in one without", () => {
    expect(namesIn(new TextEncoder().encode(`x${fanoutName(12, 345)}\u0000${fanoutName(7, 8)}y fan:z`))).toEqual([
      { editor: 12, seq: 345 },
      { editor: 7, seq: 8 },
    ]);
    expect(namesIn(new Uint8Array([0, 1, 2]))).toEqual([]);
  });
});
