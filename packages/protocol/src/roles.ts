import { z } from "zod";

/** Room roles, from most to least powerful. */
export const ROLES = ["owner", "editor", "commenter", "viewer"] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** Roles a share link may grant: a room has exactly one owner, its creator. */
export const INVITE_ROLES = ["editor", "commenter", "viewer"] as const satisfies readonly Role[];
export const inviteRoleSchema = z.enum(INVITE_ROLES);
export type InviteRole = (typeof INVITE_ROLES)[number];

/** What each action needs at least. */
export const PERMISSIONS = {
  /** Ask for frames, watch, follow, move a cursor. */
  render: "viewer",
  /** Write comments and draw on frames. */
  comment: "commenter",
  /** Change the Yjs document: chains, keyframes, transitions. */
  edit: "editor",
  export: "editor",
  /** Share links and members. */
  manage: "owner",
} as const satisfies Record<string, Role>;
export type Action = keyof typeof PERMISSIONS;

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(minimum);
}

export function can(role: Role, action: Action): boolean {
  return roleAtLeast(role, PERMISSIONS[action]);
}
