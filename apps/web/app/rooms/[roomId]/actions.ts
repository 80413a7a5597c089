"use server";

import { createLinkBodySchema, memberRoleBodySchema, renameRoomBodySchema, validate, type CreatedLink, type Member, type NoteUsage, type Room, type ShareLink } from "@umbra/protocol";
import { collabApi } from "@/lib/collab-api";

export type ActionResult<T> = { ok: true; value: T } | { ok: false; message: string };

function answer<T>(result: { ok: true; value: T } | { ok: false; message: string }): ActionResult<T> {
  return result.ok ? { ok: true, value: result.value } : { ok: false, message: result.message };
}

/** Links (owner only) and members of a room, for the sharing panel. */
export async function loadAccess(roomId: string): Promise<ActionResult<{ links: ShareLink[]; members: Member[] }>> {
  const [links, members] = await Promise.all([collabApi.links(roomId), collabApi.members(roomId)]);
  if (!links.ok) return answer(links);
  if (!members.ok) return answer(members);
  return { ok: true, value: { links: links.value.links, members: members.value.members } };
}

export async function createLink(roomId: string, body: unknown): Promise<ActionResult<CreatedLink>> {
  const valid = validate(createLinkBodySchema, body, "share link");
  if (!valid.ok) return { ok: false, message: valid.error.message };
  return answer(await collabApi.createLink(roomId, valid.value));
}

export async function revokeLink(roomId: string, linkId: string): Promise<ActionResult<ShareLink>> {
  return answer(await collabApi.revokeLink(roomId, linkId));
}

/** The owner gives a member another role; their open sessions switch to it at once. */
export async function changeMemberRole(roomId: string, userId: string, body: unknown): Promise<ActionResult<Member>> {
  const valid = validate(memberRoleBodySchema, body, "member role");
  if (!valid.ok) return { ok: false, message: valid.error.message };
  return answer(await collabApi.changeMemberRole(roomId, userId, valid.value));
}

export async function removeMember(roomId: string, userId: string): Promise<ActionResult<unknown>> {
  return answer(await collabApi.removeMember(roomId, userId));
}

/** The owner renames the room. */
export async function renameRoom(roomId: string, body: unknown): Promise<ActionResult<Room>> {
  const valid = validate(renameRoomBodySchema, body, "room");
  if (!valid.ok) return { ok: false, message: valid.error.message };
  return answer(await collabApi.renameRoom(roomId, valid.value));
}

/** The owner deletes the room, with everything in it. */
export async function deleteRoom(roomId: string): Promise<ActionResult<unknown>> {
  return answer(await collabApi.deleteRoom(roomId));
}

/** The room's members, for @mentions: anyone in the room may see who else is. */
export async function loadMembers(roomId: string): Promise<ActionResult<{ id: string; name: string }[]>> {
  const members = await collabApi.members(roomId);
  if (!members.ok) return answer(members);
  return { ok: true, value: members.value.members.map((m) => ({ id: m.user.id, name: m.user.displayName })) };
}

/** How much of its note budget the room has used (owner only). */
export async function loadNoteUsage(roomId: string): Promise<ActionResult<NoteUsage>> {
  return answer(await collabApi.noteUsage(roomId));
}
