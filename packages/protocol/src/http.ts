import { z } from "zod";
import { errorInfoSchema } from "./result.js";
import { inviteRoleSchema, roleSchema } from "./roles.js";

const roomNameSchema = z.string().trim().min(1, "a room needs a name").max(80, "room names are at most 80 characters");

/** POST /api/rooms */
export const createRoomBodySchema = z
  .object({
    name: roomNameSchema,
    model: z.string().min(1).max(200).optional(),
  })
  .strict();
export type CreateRoomBody = z.infer<typeof createRoomBodySchema>;

/** PATCH /api/rooms/:id (owner): a new name. */
export const renameRoomBodySchema = z.object({ name: roomNameSchema }).strict();
export type RenameRoomBody = z.infer<typeof renameRoomBodySchema>;

/** A room as its member sees it, with the member's own role. */
export const roomSchema = z.object({
  id: z.string(),
  name: z.string(),
  model: z.string(),
  createdAt: z.string(),
  role: roleSchema,
});
export type Room = z.infer<typeof roomSchema>;

/** GET /api/rooms: the rooms the caller is a member of. */
export const roomListSchema = z.object({ rooms: z.array(roomSchema) });
export type RoomList = z.infer<typeof roomListSchema>;

/** Answer of requests that only succeed or fail (sign-out, removing a member). */
export const okBodySchema = z.object({ ok: z.literal(true) });
export type OkBody = z.infer<typeof okBodySchema>;

/** Every non-2xx answer of the HTTP API. */
export const errorBodySchema = z.object({ error: errorInfoSchema });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** GET /healthz */
export const healthSchema = z.object({
  ok: z.literal(true),
  database: z.enum(["pglite", "postgres"]),
  workers: z.number().int(),
  /** UMBRA_OPEN=1: one local user, no accounts. */
  open: z.boolean(),
});
export type Health = z.infer<typeof healthSchema>;

// ── identity ───────────────────────────────────────────────────────────────────

export const userSchema = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  /** "#rrggbb" */
  color: z.string(),
});
export type User = z.infer<typeof userSchema>;

const loginField = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, "names are at least 2 characters")
  .max(40, "names are at most 40 characters")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "names use letters, digits, dots, dashes and underscores");
const passwordField = z.string().max(200, "passwords are at most 200 characters");

/** POST /api/auth/signup */
export const signupBodySchema = z
  .object({
    login: loginField,
    password: passwordField.min(8, "passwords are at least 8 characters"),
    displayName: z.string().trim().min(1).max(60).optional(),
  })
  .strict();
export type SignupBody = z.infer<typeof signupBodySchema>;

/** POST /api/auth/login */
export const loginBodySchema = z.object({ login: loginField, password: passwordField.min(1, "enter your password") }).strict();
export type LoginBody = z.infer<typeof loginBodySchema>;

/** Answer of signup and login: the session token goes into an httpOnly cookie. */
export const sessionSchema = z.object({ token: z.string(), expiresAt: z.string(), user: userSchema });
export type Session = z.infer<typeof sessionSchema>;

/** A new password, held to the same rule as at sign-up. */
const newPasswordField = passwordField.min(8, "passwords are at least 8 characters");

/** POST /api/auth/password: a signed-in person changes their own password. */
export const changePasswordBodySchema = z.object({ current: passwordField.min(1, "enter your current password"), password: newPasswordField }).strict();
export type ChangePasswordBody = z.infer<typeof changePasswordBodySchema>;

/** POST /api/admin/password-resets: an admin (UMBRA_ADMINS) makes a one-time reset link for an account. */
export const createPasswordResetBodySchema = z.object({ login: loginField }).strict();
export type CreatePasswordResetBody = z.infer<typeof createPasswordResetBodySchema>;
/** The link's secret is shown once, to the admin who hands it on; only its hash is kept. */
export const createdPasswordResetSchema = z.object({ secret: z.string(), login: z.string(), expiresAt: z.string() }).strict();
export type CreatedPasswordReset = z.infer<typeof createdPasswordResetSchema>;

export const PASSWORD_RESET_STATUSES = ["active", "used", "expired"] as const;
/** GET /api/password-resets/:secret: whose link it is and whether it still works. */
export const passwordResetPreviewSchema = z.object({ login: z.string(), displayName: z.string(), status: z.enum(PASSWORD_RESET_STATUSES) }).strict();
export type PasswordResetPreview = z.infer<typeof passwordResetPreviewSchema>;
/** POST /api/password-resets/:secret: the new password. */
export const usePasswordResetBodySchema = z.object({ password: newPasswordField }).strict();
export type UsePasswordResetBody = z.infer<typeof usePasswordResetBodySchema>;

/** GET /api/auth/me; `admin`: listed in UMBRA_ADMINS (makes password reset links, adds models). */
export const meSchema = z.object({ user: userSchema, open: z.boolean(), admin: z.boolean() });
export type Me = z.infer<typeof meSchema>;

// ── access ─────────────────────────────────────────────────────────────────────

/** GET /api/rooms/:id/document: the room's Yjs document as one update (base64), for a page to show before its socket syncs. */
export const roomDocumentStateSchema = z.object({ state: z.string() }).strict();
export type RoomDocumentState = z.infer<typeof roomDocumentStateSchema>;

/** POST /api/rooms/:id/token: a short-lived token for y-websocket and socket.io. */
export const realtimeTokenSchema = z.object({ token: z.string(), expiresAt: z.string(), role: roleSchema, user: userSchema });
export type RealtimeToken = z.infer<typeof realtimeTokenSchema>;

export const memberSchema = z.object({
  user: userSchema,
  role: roleSchema,
  /** The share link the member joined through, if any. */
  linkId: z.string().nullable(),
  joinedAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;
export const memberListSchema = z.object({ members: z.array(memberSchema) });
export type MemberList = z.infer<typeof memberListSchema>;
/** PATCH /api/rooms/:id/members/:userId: the owner gives a member another role (never owner). */
export const memberRoleBodySchema = z.object({ role: inviteRoleSchema }).strict();
export type MemberRoleBody = z.infer<typeof memberRoleBodySchema>;

/** POST /api/rooms/:id/links */
export const createLinkBodySchema = z
  .object({
    role: inviteRoleSchema,
    /** Hours until the link stops working; none means it does not expire. */
    expiresInHours: z.number().positive().max(24 * 365).optional(),
    /** How many people may join through it; none means no limit. */
    maxUses: z.number().int().positive().max(10_000).optional(),
  })
  .strict();
export type CreateLinkBody = z.infer<typeof createLinkBodySchema>;

export const LINK_STATUSES = ["active", "expired", "used-up", "revoked"] as const;
export const linkStatusSchema = z.enum(LINK_STATUSES);
export type LinkStatus = z.infer<typeof linkStatusSchema>;

export const shareLinkSchema = z.object({
  id: z.string(),
  role: roleSchema,
  status: linkStatusSchema,
  expiresAt: z.string().nullable(),
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Who joined through this link and is still a member. */
  joined: z.array(userSchema),
});
export type ShareLink = z.infer<typeof shareLinkSchema>;
export const shareLinkListSchema = z.object({ links: z.array(shareLinkSchema) });
export type ShareLinkList = z.infer<typeof shareLinkListSchema>;
/** The secret is shown once, at creation; only its hash is kept. */
export const createdLinkSchema = z.object({ link: shareLinkSchema, secret: z.string() });
export type CreatedLink = z.infer<typeof createdLinkSchema>;

/** GET /api/invites/:secret: what a link offers, shown before joining. */
export const invitePreviewSchema = z.object({ roomId: z.string(), roomName: z.string(), role: roleSchema, status: linkStatusSchema });
export type InvitePreview = z.infer<typeof invitePreviewSchema>;

/** POST /api/invites/:secret/accept */
export const inviteAcceptedSchema = z.object({ roomId: z.string(), role: roleSchema });
export type InviteAccepted = z.infer<typeof inviteAcceptedSchema>;
