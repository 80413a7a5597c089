// The studio's whole room client without a browser: two people's RoomClients (the
// /rooms socket, the document and presence, and each one's playhead, wired as the
// studio wires them) against a real collab-server with a worker, on PGlite. What the
// browser tests used to be the only witness of: edits from both, following and
// presenting, scratch frames and "Keyframe from playhead", a role change that reopens
// the document with the new role, and the frames held for what is on screen.
import WebSocket from "ws";
import { describe, expect, it } from "vitest";
import { frameRecipeAt } from "@umbra/doc";
import { encodeLatentBase64, recipeHash, recipeLatent } from "@umbra/latent";
import { RoomClient } from "../../apps/web/lib/room-client/room-client.js";
import type { RoomDocConnection } from "../../apps/web/lib/room-client/room-doc-connection.js";
import { roomDocumentStateSchema } from "@umbra/protocol";
import { invitedAs, signUp, type ApiClient } from "../support/api.js";
import { ownedRoom, tokensFor, untilHeld, untilSnapshot } from "../support/room-client.js";

const LATENT_SIZE = 512;

describe("the room client, in process", () => {
  const room = ownedRoom("Client");

  /** A client for `api` as the studio opens one, with its presence set as the studio sets it; resolves once its document has synced. */
  async function open(api: ApiClient): Promise<{ client: RoomClient; doc: RoomDocConnection; counted: { tokens: number } }> {
    const { stack, roomId } = room.get();
    const counted = { tokens: 0 };
    const client = new RoomClient({
      collabUrl: stack.collab.url,
      roomId,
      tokens: () => tokensFor(api, roomId, counted),
      onAccessLost: () => {},
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    room.opened.push(client);
    const { role, model } = await api.expect(200, "GET", `/api/rooms/${roomId}`);
    const user = api.session!.user;
    client.setPresence({ id: user.id, name: user.displayName, color: user.color, role });
    client.setView(model, {});
    const doc = client.getSnapshot().doc!;
    await untilSnapshot(doc, (s) => s.status === "synced");
    return { client, doc, counted };
  }

  it("shares edits and places: follow, present, a scratch seed, and Keyframe from playhead, for both people", async () => {
    const { owner, roomId } = room.get();
    const editorApi = await invitedAs(owner, roomId, "editor", "editor");
    const a = await open(owner);
    const b = await open(editorApi);

    // A builds a chain; B's playhead lands on it.
    const editor = a.doc.room;
    const chainId = editor.addChain();
    const first = editor.addKeyframe(chainId, { seed: 11 })!;
    editor.addKeyframe(chainId, { seed: 12 });
    editor.setTransition(chainId, first, { frames: 23 });
    const onB = await untilSnapshot(b.client.playhead, (s) => s.total === 24);
    expect(onB.chain?.id).toBe(chainId);

    // A presents; B sees it, follows, and B's playhead moves with A's.
    a.client.setPresenting(true);
    const presenter = await untilSnapshot(b.doc, (s) => s.peers.some((p) => p.state.presenting));
    const aId = presenter.peers.find((p) => p.state.presenting)!.clientId;
    expect(aId).toBe(a.doc.doc.clientID);
    b.client.playhead.follow(aId);
    a.client.playhead.moveTo(7);
    await untilSnapshot(b.client.playhead, (s) => s.frame === 7 && s.following === aId);
    a.client.playhead.moveBy(-2);
    expect(await untilSnapshot(b.client.playhead, (s) => s.frame === 5)).toMatchObject({ direction: -1 });

    // A renders a scratch seed: B, following, shows it too; it is in no chain.
    a.client.playhead.showScratch(77);
    await untilSnapshot(b.client.playhead, (s) => s.scratch === 77);
    expect(a.client.look()).toMatchObject({ chainRecipe: null, frame: 5 });
    // Keyframe from playhead takes exactly what is on screen: the scratch seed.
    const shown = a.client.shownLatent(LATENT_SIZE)!;
    expect(shown).toEqual({ latent: { seed: 77 } });
    editor.addKeyframe(chainId, shown.latent, { mix: shown.mix });
    await untilSnapshot(b.doc, (s) => s.chains[0]?.keyframes.some((k) => "seed" in k.latent && k.latent.seed === 77) === true);

    // Moving the playhead ends the scratch frame, for both; on a keyframe's own frame, that keyframe's latent is what is shown.
    a.client.playhead.goToEnd("first");
    await untilSnapshot(b.client.playhead, (s) => s.scratch === null && s.frame === 0);
    expect(a.client.shownLatent(LATENT_SIZE)).toEqual({ latent: { seed: 11 } });
    // Between keyframes it is the frame's own latent: a new keyframe there reproduces that very frame.
    a.client.playhead.moveTo(5);
    const at5 = frameRecipeAt(a.doc.getSnapshot().chains[0]!, 5, "builtin/cppn")!;
    expect(a.client.shownLatent(LATENT_SIZE)).toEqual({ latent: { vector: encodeLatentBase64(recipeLatent(at5, LATENT_SIZE)) } });

    // B moves itself: following stops, and A sees where B is.
    b.client.playhead.moveTo(20);
    expect(b.client.playhead.getSnapshot().following).toBeNull();
    await untilSnapshot(a.doc, (s) => s.peers.some((p) => p.state.playhead?.frame === 20));
  });

  it("shows the document the page came with before any socket has synced, and the sync brings what changed since; outsiders get no document", async () => {
    const { stack, owner, roomId } = room.get();
    const { state } = roomDocumentStateSchema.parse(await owner.expect(200, "GET", `/api/rooms/${roomId}/document`));
    const writer = await open(owner);
    const chainId = writer.doc.getSnapshot().chains[0]!.id;
    writer.doc.room.renameChain(chainId, "Renamed after the page was made");

    const client = new RoomClient({
      collabUrl: stack.collab.url,
      roomId,
      tokens: () => tokensFor(owner, roomId, { tokens: 0 }),
      onAccessLost: () => {},
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      initialState: Uint8Array.from(Buffer.from(state, "base64")),
    });
    room.opened.push(client);
    const user = owner.session!.user;
    client.setPresence({ id: user.id, name: user.displayName, color: user.color, role: "owner" });
    // At once, before the connection has even opened: the chain as the page knew it.
    expect(client.getSnapshot().doc!.getSnapshot().status).not.toBe("synced");
    expect(client.playhead.getSnapshot()).toMatchObject({ chain: { id: chainId }, total: writer.client.playhead.getSnapshot().total });
    expect(client.playhead.getSnapshot().chain?.name).not.toBe("Renamed after the page was made");
    await untilSnapshot(client.playhead, (s) => s.chain?.name === "Renamed after the page was made");

    const outsider = await signUp(stack.collab.url, "outsider");
    expect((await outsider.call("GET", `/api/rooms/${roomId}/document`)).status).toBe(404);
  });

  it("holds the frame on screen once asked for, answers for directions, and reopens the document with a new role the owner gives", async () => {
    const { owner, roomId } = room.get();
    const memberApi = await invitedAs(owner, roomId, "member", "editor");
    const { client, doc, counted } = await open(memberApi);
    await untilSnapshot(client.frames, (s) => s.joined);
    await untilSnapshot(client.playhead, (s) => s.total > 0);

    const { chainRecipe } = client.look();
    client.frames.request(chainRecipe!, "me");
    const held = await untilHeld(client.frames.frames, recipeHash(chainRecipe!));
    expect(client.look().shownUrl).toBe(held.url);
    // The Style tab's directions come through the client too; this room's model (the CPPN) has none, and says so.
    expect(await client.frames.loadDirections("default", { seed: 1 })).toEqual({ ok: false, problem: expect.stringMatching(/^No directions: .*mapping network/) });

    // The owner makes the member a viewer: the client hears it on its socket and opens the document
    // again with a fresh token that carries the new role; the playhead keeps its chain.
    const tokensBefore = counted.tokens;
    await owner.expect(200, "PATCH", `/api/rooms/${roomId}/members/${memberApi.session!.user.id}`, { role: "viewer" });
    const reopened = (await untilSnapshot(client, (s) => s.doc !== doc)).doc!;
    await untilSnapshot(reopened, (s) => s.status === "synced");
    expect(counted.tokens).toBeGreaterThan(tokensBefore);
    expect(client.frames.getSnapshot().roleChange?.role).toBe("viewer");
    expect((await untilSnapshot(client.playhead, (s) => s.total > 0)).chain).not.toBeNull();
  });
});
