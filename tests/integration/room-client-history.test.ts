// History through the studio's own room client (apps/web/lib/room-client), without a
// browser: an editor's RoomConnection saves, lists, searches and restores versions of a
// room two documents edit, and a viewer's hears every version kept, against a real
// collab-server on PGlite.
import { describe, expect, it } from "vitest";
import { RoomDoc, createLocalUndo } from "@umbra/doc";
import { RoomConnection } from "../../apps/web/lib/room-client/room-connection.js";
import { invitedAs, type ApiClient } from "../support/api.js";
import { ownedRoom, tokensFor, untilSnapshot } from "../support/room-client.js";
import { connectDoc, eventually } from "../support/yjs-client.js";

describe("History through the room client, in process", () => {
  const room = ownedRoom("History in process", { withWorker: false, versions: { pauseMs: 60_000 } });

  async function joined(api: ApiClient): Promise<RoomConnection> {
    const { stack, roomId } = room.get();
    const connection = new RoomConnection({ collabUrl: stack.collab.url, roomId, tokens: tokensFor(api, roomId, { tokens: 0 }), onAccessLost: () => {} });
    room.opened.push(connection);
    await untilSnapshot(connection, (s) => s.joined);
    return connection;
  }

  async function editorDoc(api: ApiClient) {
    const { stack, roomId } = room.get();
    const client = connectDoc(stack.collab.url, roomId, await api.realtimeToken(roomId));
    room.opened.push({ close: () => client.destroy() });
    await client.synced;
    return new RoomDoc(client.doc);
  }

  it("saves and finds named versions, previews one, restores it as one undoable edit, and brings one chain back as a copy", async () => {
    const { owner, roomId } = room.get();
    const viewerApi = await invitedAs(owner, roomId, "viewer", "viewer");
    const [mine, viewer] = [await joined(owner), await joined(viewerApi)];
    const doc = await editorDoc(owner);
    const walk = doc.addChain({ name: "Walk" });
    const [first] = [1, 2, 3].map((seed) => doc.addKeyframe(walk, { seed })!);

    const saved = await mine.versions.save("Tuesday", "Before the review");
    if (!saved.ok) throw new Error(saved.problem);
    // Everyone in the room hears of it; the list is newest first.
    await untilSnapshot(viewer.versions, (s) => s.versions.some((v) => v.id === saved.value.id));
    expect(saved.value).toMatchObject({ kind: "named", name: "Tuesday", summary: { chains: 1, keyframes: 3 } });
    expect((await mine.versions.save(" ", "")).ok).toBe(false);
    expect(await viewer.versions.save("Mine", "")).toEqual({ ok: false, problem: expect.stringMatching(/viewer/) });

    // Filters and search ask the server.
    mine.versions.load({ named: true, search: "review" });
    await untilSnapshot(mine.versions, (s) => s.versions.length === 1 && s.versions[0]!.name === "Tuesday");
    mine.versions.load({ named: false, search: "no such words" });
    await untilSnapshot(mine.versions, (s) => s.versions.length === 0 && s.query.search === "no such words");

    // The room moves on; the version's content is still Tuesday's.
    doc.setTransition(walk, first!, { frames: 5 });
    doc.renameChain(walk, "Stroll");
    const tuesday = await viewer.versions.content(saved.value.id);
    expect(tuesday.ok && tuesday.value.chains.map((c) => [c.name, c.transitions[0]!.frames])).toEqual([["Walk", 60]]);

    // Restoring keeps the room as it is first, then makes it Tuesday's as this person's edit.
    const studioDoc = await editorDoc(owner);
    await eventually(() => studioDoc.chain(walk)?.name === "Stroll", "the studio's document has the latest edits");
    const undo = createLocalUndo(studioDoc);
    const before = await mine.versions.restore(saved.value.id, studioDoc);
    if (!before.ok) throw new Error(before.problem);
    expect(before.value).toMatchObject({ kind: "before-restore", name: "Before restoring “Tuesday”" });
    expect(studioDoc.chain(walk)).toMatchObject({ name: "Walk", transitions: [{ frames: 60 }, { frames: 60 }] });
    await eventually(() => doc.chain(walk)?.name === "Walk", "the other document sees the restore");
    const kept = await mine.versions.content(before.value.id);
    expect(kept.ok && kept.value.chains[0]).toMatchObject({ name: "Stroll", transitions: [{ frames: 5 }, { frames: 60 }] });
    undo.undo();
    expect(studioDoc.chain(walk)?.name).toBe("Stroll");

    // One chain of a version, as a copy beside today's.
    const copy = await mine.versions.restoreChain(saved.value.id, walk, "copy", studioDoc);
    expect(copy.ok && studioDoc.chain(copy.value)).toMatchObject({ name: "Walk (earlier)", keyframes: [{ latent: { seed: 1 } }, { latent: { seed: 2 } }, { latent: { seed: 3 } }] });
    expect(await viewer.versions.remove(saved.value.id)).toMatch(/only the room's owner|viewer/);
  });
});
