// The studio's document connection without a browser: the web app's own
// RoomDocConnection (apps/web/lib/room-client) against a real collab-server, on
// PGlite. Edits from two people, presence, a role change that reconnects with the
// new role, and revocation, as the studio reads them through its snapshots.
import WebSocket from "ws";
import { describe, expect, it } from "vitest";
import type { User } from "@umbra/protocol";
import { RoomDocConnection } from "../../apps/web/lib/room-client/room-doc-connection.js";
import { invitedAs, type ApiClient } from "../support/api.js";
import { ownedRoom, tokensFor, untilSnapshot } from "../support/room-client.js";

describe("the room document connection, in process", () => {
  const room = ownedRoom("Document", { withWorker: false });

  /** A connection as the studio opens one for `api` in its role; what access loss it heard. */
  async function connect(api: ApiClient) {
    const { stack, roomId } = room.get();
    const heard = { lost: null as string | null, tokens: 0 };
    const tokens = tokensFor(api, roomId, heard);
    const { role } = await api.expect(200, "GET", `/api/rooms/${roomId}`);
    const user: User = api.session!.user;
    const connection = new RoomDocConnection({
      collabUrl: stack.collab.url,
      roomId,
      tokens,
      user: { id: user.id, name: user.displayName, color: user.color, role },
      onAccessLost: (message) => (heard.lost = message),
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    room.opened.push(connection);
    return { connection, heard };
  }

  it("syncs two people's edits and presence, and reconnects a member whose role changed with the new one", async () => {
    const { owner, roomId } = room.get();
    const a = await connect(owner);
    const editor = await invitedAs(owner, roomId, "editor", "editor");
    const b = await connect(editor);
    await Promise.all([untilSnapshot(a.connection, (s) => s.status === "synced"), untilSnapshot(b.connection, (s) => s.status === "synced")]);

    a.connection.room.addChain({ name: "From A" });
    await untilSnapshot(b.connection, (s) => s.chains.some((c) => c.name === "From A"));
    const chainId = b.connection.room.chains()[0]!.id;
    b.connection.room.addKeyframe(chainId, { seed: 5 });
    await untilSnapshot(a.connection, (s) => s.chains[0]?.keyframes.length === 1);
    // Undo is per person: B's undo stack holds B's edit, A's holds A's.
    expect(b.connection.getSnapshot().undo!.undoStack).toHaveLength(1);

    a.connection.share({ cursor: { area: "stage", x: 0.25, y: 0.5 } }, { now: true });
    const seen = await untilSnapshot(b.connection, (s) => s.peers.some((p) => p.state.cursor?.x === 0.25));
    expect(seen.peers.find((p) => p.state.cursor?.x === 0.25)!.state.user.id).toBe(owner.session!.user.id);

    // Demoted, B's connection is closed as ROLE_CHANGED and comes back by itself with a fresh token, quietly.
    const before = b.heard.tokens;
    await owner.expect(200, "PATCH", `/api/rooms/${roomId}/members/${editor.session!.user.id}`, { role: "viewer" });
    await untilSnapshot(b.connection, (s) => s.status === "offline");
    await untilSnapshot(b.connection, (s) => s.status === "synced");
    expect(b.heard.tokens).toBe(before + 1);
    expect(b.connection.getSnapshot().error).toBeNull();
    expect(b.heard.lost).toBeNull();
  });

  it("hears its access go when the owner removes the member", async () => {
    const { owner, roomId } = room.get();
    const leaving = await invitedAs(owner, roomId, "leaving", "editor");
    const { connection, heard } = await connect(leaving);
    await untilSnapshot(connection, (s) => s.status === "synced");
    await owner.expect(200, "DELETE", `/api/rooms/${roomId}/members/${leaving.session!.user.id}`);
    await untilSnapshot(connection, (s) => s.status === "offline");
    await expect.poll(() => heard.lost).toBe("The owner removed you from this room.");
  });
});
