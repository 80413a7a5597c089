// The studio's room connection without a browser: the web app's own RoomConnection
// (apps/web/lib/room-client) against a real collab-server with an in-process worker,
// on PGlite. What the browser tests saw only through the UI: the join, frames held,
// a rename, a role change, a dropped connection coming back with a fresh token, and
// revocation.
import { describe, expect, it } from "vitest";
import { recipeHash, seedFrameRecipe } from "@umbra/latent";
import { RoomConnection } from "../../apps/web/lib/room-client/room-connection.js";
import { invitedAs, type ApiClient } from "../support/api.js";
import { ownedRoom, tokensFor, untilHeld, untilSnapshot } from "../support/room-client.js";

describe("the room connection, in process", () => {
  const room = ownedRoom("In process");

  /** A connection for `api`, counting the tokens it asks for, and what access loss it heard. */
  function connect(api: ApiClient) {
    const { stack, roomId } = room.get();
    const heard = { tokens: 0, lost: null as string | null };
    const tokens = tokensFor(api, roomId, heard);
    const connection = new RoomConnection({ collabUrl: stack.collab.url, roomId, tokens, onAccessLost: (message) => (heard.lost = message) });
    room.opened.push(connection);
    return { connection, heard };
  }

  it("joins, holds the frames it asks for, hears a rename and a role change, and comes back from a drop with a fresh token", async () => {
    const { owner, roomId } = room.get();
    const member = await invitedAs(owner, roomId, "member", "viewer");
    const { connection, heard } = connect(member);

    const joined = await untilSnapshot(connection, (s) => s.joined);
    expect(joined.connection).toBe("connected");
    expect(joined.workers.map((w) => w.backend.name)).toEqual(["wasm"]);
    expect(connection.socket).not.toBeNull();

    const recipe = seedFrameRecipe("builtin/cppn", 31, { width: 64, height: 64 });
    expect(connection.held(recipeHash(recipe))).toBeUndefined();
    connection.request(recipe, "me");
    const arrived = await untilHeld(connection.frames, recipeHash(recipe));
    expect(connection.held(recipeHash(recipe))).toBe(arrived);
    expect(arrived).toMatchObject({ hash: recipeHash(recipe), width: 64, height: 64, recipe });

    await owner.expect(200, "PATCH", `/api/rooms/${roomId}`, { name: "In process, renamed" });
    expect((await untilSnapshot(connection, (s) => s.renamedTo !== null)).renamedTo).toBe("In process, renamed");
    await owner.expect(200, "PATCH", `/api/rooms/${roomId}/members/${member.session!.user.id}`, { role: "commenter" });
    expect((await untilSnapshot(connection, (s) => s.roleChange !== null)).roleChange).toEqual({ role: "commenter", message: "The owner made you a commenter in this room." });

    // The network drops: socket.io reconnects by itself, asking for a fresh token, and joins again.
    const before = heard.tokens;
    connection.socket!.io.engine.close();
    await untilSnapshot(connection, (s) => !s.joined);
    await untilSnapshot(connection, (s) => s.joined);
    expect(heard.tokens).toBe(before + 1);
    const after = seedFrameRecipe("builtin/cppn", 32, { width: 64, height: 64 });
    connection.request(after, "me");
    await untilHeld(connection.frames, recipeHash(after));
    expect(heard.lost).toBeNull();
  });

  it("hears its access go when the owner removes the member, and stays closed", async () => {
    const { owner, roomId } = room.get();
    const member = await invitedAs(owner, roomId, "removed", "editor");
    const { connection, heard } = connect(member);
    await untilSnapshot(connection, (s) => s.joined);
    await owner.expect(200, "DELETE", `/api/rooms/${roomId}/members/${member.session!.user.id}`);
    await untilSnapshot(connection, (s) => s.connection === "offline");
    expect(heard.lost).toBe("The owner removed you from this room.");
    expect(connection.socket).toBeNull();
  });
});
