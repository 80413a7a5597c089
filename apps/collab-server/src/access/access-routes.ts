import { createLinkBodySchema, memberRoleBodySchema, type CreatedLink, type InviteAccepted, type InvitePreview, type Member, type MemberList, type OkBody, type RealtimeToken, type ShareLinkList } from "@umbra/protocol";
import type { Identify } from "../auth/request-identity.js";
import { HttpError, readValidBody, sendJson } from "../http/json-http.js";
import type { Router } from "../http/router.js";
import { roomAllowing } from "../rooms/room-routes.js";
import type { RoomStore } from "../rooms/room-store.js";
import type { AccessStore } from "./access-store.js";
import type { LiveConnections } from "./live-connections.js";
import type { RealtimeTokens } from "./realtime-token.js";

const LINK_PROBLEMS = {
  unknown: "this invitation link does not exist; ask for a new one",
  expired: "this invitation link has expired; ask for a new one",
  "used-up": "this invitation link has been used as many times as it allows; ask for a new one",
  revoked: "this invitation link was revoked; ask for a new one",
} as const;

export interface AccessRouteDeps {
  rooms: RoomStore;
  access: AccessStore;
  tokens: RealtimeTokens;
  live: LiveConnections;
  identify: Identify;
  log: (line: string) => void;
}

/** Realtime tokens, members, share links and invitations. */
export function addAccessRoutes(router: Router, { rooms, access, tokens, live, identify, log }: AccessRouteDeps): void {
  router.add("POST", "/api/rooms/:id/token", async (req, res, { id }) => {
    const { user, room } = await roomAllowing(rooms, identify, req, id!, "render");
    const { token, expiresAt } = await tokens.issue({ user, roomId: room.id, role: room.role });
    sendJson(res, 200, { token, expiresAt: expiresAt.toISOString(), role: room.role, user } satisfies RealtimeToken);
  });

  router.add("GET", "/api/rooms/:id/members", async (req, res, { id }) => {
    const { room } = await roomAllowing(rooms, identify, req, id!, "render");
    sendJson(res, 200, { members: await access.members(room.id) } satisfies MemberList);
  });

  router.add("DELETE", "/api/rooms/:id/members/:userId", async (req, res, { id, userId }) => {
    const { room } = await roomAllowing(rooms, identify, req, id!, "manage");
    if (!(await access.removeMember(room.id, userId!))) throw new HttpError(404, "NOT_FOUND", "no such member, or it is the owner, who cannot be removed");
    const closed = live.disconnect(room.id, [userId!], "The owner removed you from this room.");
    log(`access: removed member ${userId} from room ${room.id}, closed ${closed} live connection(s)`);
    sendJson(res, 200, { ok: true } satisfies OkBody);
  });

  router.add("PATCH", "/api/rooms/:id/members/:userId", async (req, res, { id, userId }) => {
    const { room } = await roomAllowing(rooms, identify, req, id!, "manage");
    const { role } = await readValidBody(req, memberRoleBodySchema, "member role");
    if (!(await access.setRole(room.id, userId!, role))) throw new HttpError(404, "NOT_FOUND", "no such member, or it is the owner, whose role does not change");
    const reached = live.changeRole(room.id, userId!, role, `The owner made you ${role === "editor" ? "an" : "a"} ${role} in this room.`);
    log(`access: member ${userId} of room ${room.id} is now ${role}; told ${reached} live connection(s)`);
    const member = (await access.members(room.id)).find((m) => m.user.id === userId);
    if (!member) throw new HttpError(404, "NOT_FOUND", "that member was removed meanwhile");
    sendJson(res, 200, member satisfies Member);
  });

  router.add("GET", "/api/rooms/:id/links", async (req, res, { id }) => {
    const { room } = await roomAllowing(rooms, identify, req, id!, "manage");
    sendJson(res, 200, { links: await access.links(room.id) } satisfies ShareLinkList);
  });

  router.add("POST", "/api/rooms/:id/links", async (req, res, { id }) => {
    const { user, room } = await roomAllowing(rooms, identify, req, id!, "manage");
    const body = await readValidBody(req, createLinkBodySchema, "share link");
    sendJson(res, 201, (await access.createLink(room.id, user.id, body)) satisfies CreatedLink);
  });

  router.add("DELETE", "/api/rooms/:id/links/:linkId", async (req, res, { id, linkId }) => {
    const { room } = await roomAllowing(rooms, identify, req, id!, "manage");
    const revoked = await access.revokeLink(room.id, linkId!);
    if (!revoked) throw new HttpError(404, "NOT_FOUND", `no share link ${linkId} in this room`);
    const closed = live.disconnect(room.id, revoked.removed, "The link you joined through was revoked.");
    log(`access: revoked link ${linkId} of room ${room.id}: removed ${revoked.removed.length} member(s), closed ${closed} live connection(s)`);
    sendJson(res, 200, revoked.link);
  });

  // The secret in the path is the credential: the preview needs no session.
  router.add("GET", "/api/invites/:secret", async (_req, res, { secret }) => {
    const preview = await access.preview(secret!);
    if (!preview) throw new HttpError(404, "LINK_INVALID", LINK_PROBLEMS.unknown);
    sendJson(res, 200, preview satisfies InvitePreview);
  });

  router.add("POST", "/api/invites/:secret/accept", async (req, res, { secret }) => {
    const user = await identify(req);
    const outcome = await access.acceptInvite(secret!, user.id);
    if (!outcome.ok) throw new HttpError(outcome.status === "unknown" ? 404 : 410, "LINK_INVALID", LINK_PROBLEMS[outcome.status]);
    log(`access: ${user.login} joined room ${outcome.roomId} as ${outcome.role}`);
    sendJson(res, 200, { roomId: outcome.roomId, role: outcome.role } satisfies InviteAccepted);
  });
}
