// Who may do what, over the real HTTP API, real socket.io clients and the stock
// y-websocket provider, on PGlite and (when TEST_DATABASE_URL is set) Postgres.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scratchKinds } from "@umbra/db/testing";
import { RoomDoc } from "@umbra/doc";
import { seedFrameRecipe } from "@umbra/latent";
import { RealtimeTokens } from "@umbra/collab-server";
import { EVENTS, YJS_CLOSE_CODES, type FrameRequestAck, type Role, type RoomJoinAck, type SessionRevoked, type SessionRole } from "@umbra/protocol";
import { signUp, type ApiClient } from "../support/api.js";
import { connectRoomSocket, startStack, type RoomSocket, type Stack } from "../support/stack.js";
import { connectDoc, eventually, presenceRoundTrip, type DocClient } from "../support/yjs-client.js";

const join = (socket: RoomSocket, roomId: string) => new Promise<RoomJoinAck>((resolve) => socket.emit(EVENTS.roomJoin, { roomId }, resolve));
const ask = (socket: RoomSocket, roomId: string) =>
  new Promise<FrameRequestAck>((resolve) => socket.emit(EVENTS.frameRequest, { roomId, recipe: seedFrameRecipe("builtin/cppn", 7) }, resolve));
const codeOf = (answer: { ok: boolean; error?: { code: string } }) => (answer.ok ? "ok" : answer.error!.code);

interface Person {
  role: Role;
  api: ApiClient;
}

describe.each(scratchKinds())("access control on %s", (kind) => {
  let stack: Stack;
  let owner: ApiClient;
  let outsider: ApiClient;
  let roomId: string;
  const people: Person[] = [];
  const docs: DocClient[] = [];
  const sockets: RoomSocket[] = [];

  /** A new person who joined the room through a fresh link for `role`. */
  async function invited(role: Exclude<Role, "owner">, prefix: string = role): Promise<{ api: ApiClient; linkId: string }> {
    const api = await signUp(stack.collab.url, prefix);
    const { link, secret } = await owner.expect(201, "POST", `/api/rooms/${roomId}/links`, { role });
    expect(await api.expect(200, "POST", `/api/invites/${secret}/accept`)).toEqual({ roomId, role });
    return { api, linkId: link.id };
  }

  async function socketOf(api: ApiClient): Promise<RoomSocket> {
    const socket = await connectRoomSocket(stack.collab.url, await api.realtimeToken(roomId));
    sockets.push(socket);
    return socket;
  }

  async function docOf(api: ApiClient): Promise<DocClient> {
    const client = connectDoc(stack.collab.url, roomId, await api.realtimeToken(roomId));
    docs.push(client);
    await client.synced;
    return client;
  }

  beforeAll(async () => {
    stack = await startStack({ kind, withWorker: false });
    owner = await signUp(stack.collab.url, "owner");
    outsider = await signUp(stack.collab.url, "outsider");
    roomId = (await owner.createRoom("Unreleased work")).id;
    people.push({ role: "owner", api: owner });
    for (const role of ["editor", "commenter", "viewer"] as const) people.push({ role, api: (await invited(role)).api });
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const d of docs) d.destroy();
    await stack?.close();
  });

  it("answers 401 to the HTTP API without a session, and lets health checks through", async () => {
    const anonymous = stack.api;
    for (const [method, path] of [
      ["GET", "/api/rooms"],
      ["POST", "/api/rooms"],
      ["GET", `/api/rooms/${roomId}`],
      ["POST", `/api/rooms/${roomId}/token`],
      ["GET", `/api/rooms/${roomId}/links`],
      ["GET", "/api/auth/me"],
    ] as const) {
      const answer = await anonymous.call(method, path, method === "POST" ? { name: "x" } : undefined);
      expect([path, answer.status, answer.body.error.code]).toEqual([path, 401, "UNAUTHORIZED"]);
    }
    const forged = await anonymous.call("GET", "/api/rooms", undefined, { authorization: "Bearer not-a-real-session-token-at-all" });
    expect(forged.status).toBe(401);
    expect((await anonymous.call("GET", "/healthz")).status).toBe(200);
  });

  it("allows each role exactly its HTTP routes; outsiders cannot even see the room", async () => {
    const table: Record<string, Record<string, number>> = {};
    for (const { role, api } of [...people, { role: "outsider", api: outsider }]) {
      table[role] = {
        room: (await api.call("GET", `/api/rooms/${roomId}`)).status,
        token: (await api.call("POST", `/api/rooms/${roomId}/token`)).status,
        members: (await api.call("GET", `/api/rooms/${roomId}/members`)).status,
        links: (await api.call("GET", `/api/rooms/${roomId}/links`)).status,
        createLink: (await api.call("POST", `/api/rooms/${roomId}/links`, { role: "viewer" })).status,
        removeMember: (await api.call("DELETE", `/api/rooms/${roomId}/members/${outsider.session!.user.id}`)).status,
      };
    }
    expect(table).toEqual({
      owner: { room: 200, token: 200, members: 200, links: 200, createLink: 201, removeMember: 404 },
      editor: { room: 200, token: 200, members: 200, links: 403, createLink: 403, removeMember: 403 },
      commenter: { room: 200, token: 200, members: 200, links: 403, createLink: 403, removeMember: 403 },
      viewer: { room: 200, token: 200, members: 200, links: 403, createLink: 403, removeMember: 403 },
      outsider: { room: 404, token: 404, members: 404, links: 404, createLink: 404, removeMember: 404 },
    });
    const mine = await people[3]!.api.expect(200, "GET", "/api/rooms");
    expect(mine.rooms).toEqual([expect.objectContaining({ id: roomId, role: "viewer" })]);
    expect((await outsider.expect(200, "GET", "/api/rooms")).rooms).toEqual([]);
  });

  it("lets every member join over socket.io and ask for frames, naming their role", async () => {
    for (const { role, api } of people) {
      const socket = await socketOf(api);
      const joined = await join(socket, roomId);
      expect(joined.ok && joined.room.role).toBe(role);
      // No worker runs in this stack: NO_WORKER means the request passed every access check.
      expect(codeOf(await ask(socket, roomId))).toBe("NO_WORKER");
    }
  });

  it("applies editors' Yjs updates and drops viewers' and commenters', while everyone's presence flows", async () => {
    const clients = new Map<Role, DocClient>();
    for (const { role, api } of people) clients.set(role, await docOf(api));
    // Each person adds a chain named for their role.
    const chainNames = (client: DocClient) => new RoomDoc(client.doc).chains().map((c) => c.name).sort();
    for (const [role, client] of clients) new RoomDoc(client.doc).addChain({ name: role });
    await eventually(() => ["editor", "owner"].every((n) => chainNames(clients.get("viewer")!).includes(n)), "the viewer sees the editors' writes");
    // A newcomer loads the server's copy: only owner's and editor's writes are in it.
    const fresh = await docOf(owner);
    expect(chainNames(fresh)).toEqual(["editor", "owner"]);
    expect(chainNames(clients.get("owner")!)).not.toContain("viewer");

    const viewer = people.find((p) => p.role === "viewer")!.api.session!.user;
    const viewerDoc = clients.get("viewer")!;
    viewerDoc.provider.awareness.setLocalState({ user: { id: viewer.id, name: viewer.displayName, color: viewer.color, role: "viewer" }, cursor: { area: "stage", x: 0.25, y: 0.75 } });
    const ownerAwareness = clients.get("owner")!.provider.awareness;
    await eventually(() => ownerAwareness.getStates().get(viewerDoc.doc.clientID)?.cursor?.x === 0.25, "the owner sees the viewer's cursor");

    // Presence that claims to be someone else, or a higher role, is dropped.
    viewerDoc.provider.awareness.setLocalState({ user: { id: viewer.id, name: viewer.displayName, color: viewer.color, role: "owner" }, cursor: { area: "stage", x: 0.5, y: 0.5 } });
    // The server has read the claim once the viewer's round trip is back, and anything it relayed to the owner came before the owner's.
    await presenceRoundTrip(viewerDoc);
    await presenceRoundTrip(clients.get("owner")!);
    expect(ownerAwareness.getStates().get(viewerDoc.doc.clientID)?.cursor?.x).toBe(0.25);
  });

  it("refuses tampered, expired, other-room and missing tokens on both channels", async () => {
    const token = await owner.realtimeToken(roomId);
    const [head, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const promoted = `${head}.${Buffer.from(JSON.stringify({ ...claims, role: "owner", sub: outsider.session!.user.id })).toString("base64url")}.${signature}`;
    const resigned = `${token.slice(0, -4)}${token.endsWith("AAAA") ? "BBBB" : "AAAA"}`;
    const expired = (await new RealtimeTokens(stack.config.tokenSecret, -60).issue({ user: owner.session!.user, roomId, role: "owner" })).token;
    const otherRoom = await owner.realtimeToken((await owner.createRoom("Elsewhere")).id);
    const foreignKey = (await new RealtimeTokens(new Uint8Array(32).fill(7)).issue({ user: owner.session!.user, roomId, role: "owner" })).token;

    for (const [what, bad] of [
      ["tampered payload", promoted],
      ["tampered signature", resigned],
      ["expired", expired],
      ["for another room", otherRoom],
      ["signed with another key", foreignKey],
      ["missing", undefined],
    ] as const) {
      // A socket is bound to its token's room: another room's token connects there, and cannot join this one.
      const refused = await connectRoomSocket(stack.collab.url, bad).then(
        async (socket) => {
          sockets.push(socket);
          return codeOf(await join(socket, roomId));
        },
        (error: Error & { data?: { code: string } }) => error.data?.code,
      );
      expect([what, refused]).toEqual([what, what === "for another room" ? "FORBIDDEN" : "UNAUTHORIZED"]);
      const doc = connectDoc(stack.collab.url, roomId, bad);
      docs.push(doc);
      const closed = await doc.closed;
      expect([what, closed.code]).toEqual([what, YJS_CLOSE_CODES.UNAUTHORIZED]);
      expect(doc.doc.share.size).toBe(0);
    }
    // The refusal says why.
    const expiredDoc = connectDoc(stack.collab.url, roomId, expired);
    docs.push(expiredDoc);
    expect((await expiredDoc.closed).reason).toMatch(/expired/);
  });

  it("refuses a token issued through a link once the link is revoked", async () => {
    const { api, linkId } = await invited("editor", "late-editor");
    const token = await api.realtimeToken(roomId);
    await owner.expect(200, "DELETE", `/api/rooms/${roomId}/links/${linkId}`);
    const refused = await connectRoomSocket(stack.collab.url, token).then(
      () => "connected",
      (error: Error & { data?: { code: string } }) => error.data?.code,
    );
    expect(refused).toBe("ACCESS_REVOKED");
    const doc = connectDoc(stack.collab.url, roomId, token);
    docs.push(doc);
    expect((await doc.closed).code).toBe(YJS_CLOSE_CODES.ACCESS_REVOKED);
    expect((await api.call("POST", `/api/rooms/${roomId}/token`)).status).toBe(404);
  });

  it("closes a revoked member's live sockets at once, saying why", async () => {
    for (const how of ["revoke the link", "remove the member"] as const) {
      const { api, linkId } = await invited("viewer", "revoked");
      const socket = await socketOf(api);
      await join(socket, roomId);
      const doc = await docOf(api);
      const notice = new Promise<SessionRevoked>((resolve) => socket.once(EVENTS.sessionRevoked, resolve));
      const disconnected = new Promise<string>((resolve) => socket.once("disconnect", resolve));
      if (how === "revoke the link") await owner.expect(200, "DELETE", `/api/rooms/${roomId}/links/${linkId}`);
      else await owner.expect(200, "DELETE", `/api/rooms/${roomId}/members/${api.session!.user.id}`);
      // Pushed by the server, not found out when the 10-minute token expires: the test's own timeout bounds it.
      const [closed, reason, told] = await Promise.all([doc.closed, disconnected, notice]);
      expect(closed.code).toBe(YJS_CLOSE_CODES.ACCESS_REVOKED);
      expect(closed.reason).toMatch(/ACCESS_REVOKED/);
      expect(reason).toBe("io server disconnect");
      expect(told.message).toMatch(how === "revoke the link" ? /link .* revoked/ : /removed you/);
    }
  });

  it("lets the owner change a member's role in place: their open socket acts on it at once, and their document comes back with it", async () => {
    const { api } = await invited("editor", "promoted");
    const userId = api.session!.user.id;
    const socket = await socketOf(api);
    expect((await join(socket, roomId)).ok).toBe(true);
    const doc = await docOf(api);
    const note = (body: string) =>
      new Promise<{ ok: boolean; error?: { code: string; message: string } }>((resolve) =>
        socket.emit(EVENTS.threadCreate, { anchor: { kind: "keyframe", chainId: "c", keyframeId: "k" }, recipe: seedFrameRecipe("builtin/cppn", 7), thumbnail: "data:image/jpeg;base64,AAAA", body }, resolve),
      );

    // Only the owner, only to a role a link could give, and never the owner's own.
    const editor = people.find((p) => p.role === "editor")!.api;
    expect((await editor.call("PATCH", `/api/rooms/${roomId}/members/${userId}`, { role: "viewer" })).status).toBe(403);
    expect((await owner.call("PATCH", `/api/rooms/${roomId}/members/${userId}`, { role: "owner" })).status).toBe(400);
    expect((await owner.call("PATCH", `/api/rooms/${roomId}/members/${owner.session!.user.id}`, { role: "viewer" })).status).toBe(404);
    expect((await outsider.call("PATCH", `/api/rooms/${roomId}/members/${userId}`, { role: "viewer" })).status).toBe(404);

    const told = new Promise<SessionRole>((resolve) => socket.once(EVENTS.sessionRole, resolve));
    expect(await owner.expect(200, "PATCH", `/api/rooms/${roomId}/members/${userId}`, { role: "viewer" })).toMatchObject({ user: { id: userId }, role: "viewer" });
    // Pushed by the server to the open connections, not found out when the token expires.
    const [notice, closed] = await Promise.all([told, doc.closed]);
    expect(notice).toEqual({ role: "viewer", message: "The owner made you a viewer in this room." });
    expect([closed.code, closed.reason]).toEqual([YJS_CLOSE_CODES.UNAUTHORIZED, expect.stringMatching(/^ROLE_CHANGED/)]);
    // The same socket, still open, now writes as a viewer.
    const refused = await note("Still an editor?");
    expect([refused.error?.code, refused.error?.message]).toEqual(["FORBIDDEN", "a viewer can read notes but not write them"]);
    expect(socket.connected).toBe(true);
    // A fresh token carries the new role, and so does the room's listing.
    expect((await api.expect(200, "POST", `/api/rooms/${roomId}/token`)).role).toBe("viewer");
    expect(await api.expect(200, "GET", `/api/rooms/${roomId}`)).toMatchObject({ role: "viewer" });

    const promoted = new Promise<SessionRole>((resolve) => socket.once(EVENTS.sessionRole, resolve));
    await owner.expect(200, "PATCH", `/api/rooms/${roomId}/members/${userId}`, { role: "commenter" });
    expect((await promoted).role).toBe("commenter");
    expect(codeOf(await note("Now I may"))).not.toBe("FORBIDDEN");
  });

  it("lets only the owner rename or delete a room; deleting closes everyone's connections and removes all it stored", async () => {
    const doomed = (await owner.createRoom("Old shot")).id;
    const { link, secret } = await owner.expect(201, "POST", `/api/rooms/${doomed}/links`, { role: "editor" });
    const editor = await signUp(stack.collab.url, "doomed-editor");
    await editor.expect(200, "POST", `/api/invites/${secret}/accept`);

    const renamed = await editor.call("PATCH", `/api/rooms/${doomed}`, { name: "Mine now" });
    expect([renamed.status, renamed.body.error.code]).toEqual([403, "FORBIDDEN"]);
    const blank = await owner.call("PATCH", `/api/rooms/${doomed}`, { name: "   " });
    expect([blank.status, blank.body.error.message]).toEqual([400, expect.stringMatching(/a room needs a name/)]);
    expect(await owner.expect(200, "PATCH", `/api/rooms/${doomed}`, { name: "Shot 12, final" })).toMatchObject({ id: doomed, name: "Shot 12, final", role: "owner" });
    expect(await editor.expect(200, "GET", `/api/rooms/${doomed}`)).toMatchObject({ name: "Shot 12, final", role: "editor" });
    expect((await outsider.call("PATCH", `/api/rooms/${doomed}`, { name: "x" })).status).toBe(404);

    // The editor is in the room on both channels, and has edited its document.
    const socket = await connectRoomSocket(stack.collab.url, await editor.realtimeToken(doomed));
    sockets.push(socket);
    expect((await join(socket, doomed)).ok).toBe(true);
    const doc = connectDoc(stack.collab.url, doomed, await editor.realtimeToken(doomed));
    docs.push(doc);
    await doc.synced;
    new RoomDoc(doc.doc).addChain({ name: "Last edit" });
    await expect.poll(() => stack.database.prisma.yjsUpdate.count({ where: { roomId: doomed } }), { timeout: 15_000 }).toBeGreaterThan(0);

    expect((await editor.call("DELETE", `/api/rooms/${doomed}`)).status).toBe(403);
    const notice = new Promise<SessionRevoked>((resolve) => socket.once(EVENTS.sessionRevoked, resolve));
    await owner.expect(200, "DELETE", `/api/rooms/${doomed}`);
    const [closed, told] = await Promise.all([doc.closed, notice]);
    expect(closed.code).toBe(YJS_CLOSE_CODES.ACCESS_REVOKED);
    expect(told.message).toBe("The owner deleted the room Shot 12, final.");
    for (const api of [owner, editor]) expect((await api.call("GET", `/api/rooms/${doomed}`)).status).toBe(404);
    const prisma = stack.database.prisma;
    expect(
      await Promise.all([
        prisma.member.count({ where: { roomId: doomed } }),
        prisma.shareLink.count({ where: { id: link.id } }),
        prisma.yjsUpdate.count({ where: { roomId: doomed } }),
        prisma.yjsSnapshot.count({ where: { roomId: doomed } }),
      ]),
    ).toEqual([0, 0, 0, 0]);
    expect((await owner.call("DELETE", `/api/rooms/${doomed}`)).status).toBe(404);
  });

  it("lists links with who joined through each, enforces expiry and use limits, and keeps the owner", async () => {
    const limited = await owner.expect(201, "POST", `/api/rooms/${roomId}/links`, { role: "commenter", maxUses: 1, expiresInHours: 1 });
    const first = await signUp(stack.collab.url, "first");
    const second = await signUp(stack.collab.url, "second");
    await first.expect(200, "POST", `/api/invites/${limited.secret}/accept`);
    const usedUp = await second.call("POST", `/api/invites/${limited.secret}/accept`);
    expect([usedUp.status, usedUp.body.error.code, usedUp.body.error.message]).toEqual([410, "LINK_INVALID", expect.stringMatching(/used as many times/)]);
    const listed = (await owner.expect(200, "GET", `/api/rooms/${roomId}/links`)).links.find((l: { id: string }) => l.id === limited.link.id);
    expect(listed).toMatchObject({ role: "commenter", status: "used-up", uses: 1, maxUses: 1, joined: [{ id: first.session!.user.id }] });
    expect(JSON.stringify(listed)).not.toContain(limited.secret);
    expect(await second.expect(200, "GET", `/api/invites/${limited.secret}`)).toMatchObject({ roomId, role: "commenter", status: "used-up" });
    expect((await second.call("POST", "/api/invites/no-such-link/accept")).status).toBe(404);
    // A link past its expiry lets nobody in.
    const expiring = await owner.expect(201, "POST", `/api/rooms/${roomId}/links`, { role: "viewer", expiresInHours: 1 });
    expect(new Date(expiring.link.expiresAt).getTime() - Date.now()).toBeGreaterThan(3590_000);
    await stack.database.prisma.shareLink.update({ where: { id: expiring.link.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const late = await second.call("POST", `/api/invites/${expiring.secret}/accept`);
    expect([late.status, late.body.error.code, late.body.error.message]).toEqual([410, "LINK_INVALID", expect.stringMatching(/expired/)]);
    expect((await second.call("GET", `/api/rooms/${roomId}`)).status).toBe(404);
    const ownerRemoval = await owner.call("DELETE", `/api/rooms/${roomId}/members/${owner.session!.user.id}`);
    expect(ownerRemoval.status).toBe(404);
    const bad = await owner.call("POST", `/api/rooms/${roomId}/links`, { role: "owner" });
    expect([bad.status, bad.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    // Joining through a weaker link never demotes a member.
    const editor = people.find((p) => p.role === "editor")!.api;
    const viewerLink = await owner.expect(201, "POST", `/api/rooms/${roomId}/links`, { role: "viewer" });
    expect(await editor.expect(200, "POST", `/api/invites/${viewerLink.secret}/accept`)).toEqual({ roomId, role: "editor" });
  });
});
