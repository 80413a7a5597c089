import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { RoomDoc, contentOfUpdate } from "@umbra/doc";
import { VersionPacker } from "./version-packer.js";

const noStoredState = (id: string): Promise<Uint8Array | null> => Promise.reject(new Error(`read ${id}, which the packer holds itself`));

describe("VersionPacker", () => {
  const lines: string[] = [];
  const packer = new VersionPacker((line) => lines.push(line));
  afterAll(() => packer.close());

  function followedRoom(roomId: string) {
    const room = new RoomDoc(new Y.Doc());
    const walk = room.addChain({ name: "Walk" });
    const keyframes = [1, 2, 3].map((seed) => room.addKeyframe(walk, { seed })!);
    packer.follow(roomId, room.doc);
    return { room, walk, keyframes };
  }

  it("packs a room's first version from its followed copy, with every edit made since, gzipped exactly", async () => {
    const { room, walk } = followedRoom("first");
    room.addKeyframe(walk, { seed: 4 });
    const { summary, packed } = await packer.pack("first", null, noStoredState);
    expect(summary).toMatchObject({ chains: 1, keyframes: 4, text: "1 chain added, 4 keyframes added" });
    expect(contentOfUpdate(gunzipSync(packed)).chains).toEqual(room.chains());
    expect(Buffer.from(gunzipSync(packed)).equals(Buffer.from(Y.encodeStateAsUpdate(room.doc)))).toBe(true);
  });

  it("packs the room as of takenAt: an edit made while the pack is under way is left to the next version", async () => {
    const { room, walk } = followedRoom("taken");
    const packing = packer.pack("taken", null, noStoredState);
    const editedAt = Date.now();
    room.addKeyframe(walk, { seed: 7 });
    const { summary, takenAt } = await packing;
    expect(takenAt.getTime()).toBeLessThanOrEqual(editedAt);
    expect(summary.keyframes).toBe(3);
    expect((await packer.pack("taken", null, noStoredState)).summary.keyframes).toBe(4);
  });

  it("compares with the version it packed last once that one is kept, and with the stored bytes otherwise", async () => {
    const { room, walk, keyframes } = followedRoom("next");
    const first = await packer.pack("next", null, noStoredState);
    packer.kept("next", "v1");
    room.removeKeyframe(walk, keyframes[2]!);
    room.setTransition(walk, keyframes[0]!, { frames: 48 });
    const second = await packer.pack("next", "v1", noStoredState);
    expect(second.summary).toMatchObject({ chains: 1, keyframes: 2, changes: { keyframesRemoved: 1, transitionsRetimed: 1 } });
    // The second was never said to be kept (its write failed, say): the next compares with what is stored, v1.
    room.addKeyframe(walk, { seed: 9 });
    const asked: string[] = [];
    const third = await packer.pack("next", "v1", (id) => {
      asked.push(id);
      return Promise.resolve(first.packed);
    });
    expect(asked).toEqual(["v1"]);
    expect(third.summary.changes).toMatchObject({ keyframesAdded: 1, keyframesRemoved: 1, transitionsRetimed: 1 });
  });

  it("refuses a room it does not follow, and stops following a room whose document is destroyed", async () => {
    await expect(packer.pack("never", null, noStoredState)).rejects.toThrow(/room never is not followed/);
    const { room } = followedRoom("gone");
    room.doc.destroy();
    await expect(packer.pack("gone", null, noStoredState)).rejects.toThrow(/room gone is not followed/);
  });

  it("fails a stored version it cannot read with the reason, and packs again after", async () => {
    followedRoom("damaged");
    await expect(packer.pack("damaged", "v0", () => Promise.resolve(new Uint8Array([1, 2, 3])))).rejects.toThrow(/packing a version failed: .*header/);
    expect((await packer.pack("damaged", null, noStoredState)).summary.keyframes).toBe(3);
    expect(lines).toEqual([]);
  });

  it("lets its thread go with the last room it followed, and starts another for the next", async () => {
    const alone = new VersionPacker((line) => lines.push(line));
    const first = new RoomDoc(new Y.Doc());
    first.addChain({ name: "Walk" });
    alone.follow("alone", first.doc);
    await alone.pack("alone", null, noStoredState);
    first.doc.destroy();
    // Followed again at once, while the first thread is still going: the new one is not failed by the old one's exit.
    const second = new RoomDoc(new Y.Doc());
    second.addChain({ name: "Run" });
    second.addChain({ name: "Jump" });
    alone.follow("again", second.doc);
    expect((await alone.pack("again", null, noStoredState)).summary.chains).toBe(2);
    await alone.close();
  });
});
