import "server-only";
import { cookies, headers } from "next/headers";
import type { z } from "zod";
import {
  createdLinkSchema,
  createdPasswordResetSchema,
  passwordResetPreviewSchema,
  errorBodySchema,
  invitePreviewSchema,
  inviteAcceptedSchema,
  memberListSchema,
  noteUsageSchema,
  memberSchema,
  meSchema,
  okBodySchema,
  realtimeTokenSchema,
  roomDocumentStateSchema,
  roomListSchema,
  roomSchema,
  sessionSchema,
  shareLinkListSchema,
  shareLinkSchema,
  type ChangePasswordBody,
  type CreateLinkBody,
  type CreatePasswordResetBody,
  type UsePasswordResetBody,
  type ErrorCode,
  type MemberRoleBody,
  type RenameRoomBody,
  modelListSchema,
} from "@umbra/protocol";
import { SESSION_COOKIE } from "./session-cookie";

/** Where this Next server reaches collab-server (server side, never the browser). */
export function collabUrl(): string {
  return process.env.UMBRA_COLLAB_URL ?? `http://127.0.0.1:${process.env.COLLAB_PORT ?? "3001"}`;
}

/** An API answer: the parsed value, or the server's error as a person can read it. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; status: number; code: ErrorCode | "UNREACHABLE"; message: string };

/**
 * Fetches from collab-server as the signed-in person: their session cookie becomes
 * a bearer token, and their address is forwarded for per-address limits.
 */
async function fetchAsPerson(path: string, init: { method?: string; body?: unknown; range?: string; ifNoneMatch?: string } = {}): Promise<Response> {
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  const forwardedFor = (await headers()).get("x-forwarded-for");
  return fetch(new URL(path, collabUrl()), {
    method: init.method ?? "GET",
    cache: "no-store",
    headers: {
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      ...(session ? { authorization: `Bearer ${session}` } : {}),
      ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
      ...(init.range ? { range: init.range } : {}),
      ...(init.ifNoneMatch ? { "if-none-match": init.ifNoneMatch } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

function unreachable(error: unknown): { ok: false; status: 503; code: "UNREACHABLE"; message: string } {
  const why = error instanceof Error ? error.message : String(error);
  return { ok: false, status: 503, code: "UNREACHABLE", message: `collab-server is not reachable at ${collabUrl()} (${why})` };
}

/** A route of collab-server whose answer the browser gets as it is (a file, a page): the response, or why it could not be reached. */
async function passedOn(path: string, init: { range?: string; ifNoneMatch?: string } = {}): Promise<Response | ReturnType<typeof unreachable>> {
  try {
    return await fetchAsPerson(path, init);
  } catch (error) {
    return unreachable(error);
  }
}

/** Calls a JSON route of collab-server as the signed-in person. */
async function call<S extends z.ZodType>(schema: S, path: string, init: { method?: string; body?: unknown } = {}): Promise<ApiResult<z.infer<S>>> {
  let response: Response;
  try {
    response = await fetchAsPerson(path, init);
  } catch (error) {
    return unreachable(error);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBodySchema.safeParse(body);
    return parsed.success
      ? { ok: false, status: response.status, code: parsed.data.error.code, message: parsed.data.error.message }
      : { ok: false, status: response.status, code: "INTERNAL", message: `collab-server answered ${response.status}` };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, status: 502, code: "INTERNAL", message: `collab-server sent an unexpected answer to ${path}` };
  return { ok: true, value: parsed.data };
}

const room = (id: string) => `/api/rooms/${encodeURIComponent(id)}`;

export const collabApi = {
  me: () => call(meSchema, "/api/auth/me"),
  signUp: (login: string, password: string) => call(sessionSchema, "/api/auth/signup", { method: "POST", body: { login, password } }),
  signIn: (login: string, password: string) => call(sessionSchema, "/api/auth/login", { method: "POST", body: { login, password } }),
  signOut: () => call(okBodySchema, "/api/auth/logout", { method: "POST" }),
  listRooms: () => call(roomListSchema, "/api/rooms"),
  getRoom: (id: string) => call(roomSchema, room(id)),
  createRoom: (name: string, model?: string) => call(roomSchema, "/api/rooms", { method: "POST", body: model ? { name, model } : { name } }),
  renameRoom: (id: string, body: RenameRoomBody) => call(roomSchema, room(id), { method: "PATCH", body }),
  deleteRoom: (id: string) => call(okBodySchema, room(id), { method: "DELETE" }),
  models: () => call(modelListSchema, "/api/models"),
  realtimeToken: (id: string) => call(realtimeTokenSchema, `${room(id)}/token`, { method: "POST" }),
  documentState: (id: string) => call(roomDocumentStateSchema, `${room(id)}/document`),
  members: (id: string) => call(memberListSchema, `${room(id)}/members`),
  noteUsage: (id: string) => call(noteUsageSchema, `${room(id)}/notes/usage`),
  changeMemberRole: (id: string, userId: string, body: MemberRoleBody) => call(memberSchema, `${room(id)}/members/${encodeURIComponent(userId)}`, { method: "PATCH", body }),
  removeMember: (id: string, userId: string) => call(okBodySchema, `${room(id)}/members/${encodeURIComponent(userId)}`, { method: "DELETE" }),
  links: (id: string) => call(shareLinkListSchema, `${room(id)}/links`),
  createLink: (id: string, body: CreateLinkBody) => call(createdLinkSchema, `${room(id)}/links`, { method: "POST", body }),
  revokeLink: (id: string, linkId: string) => call(shareLinkSchema, `${room(id)}/links/${encodeURIComponent(linkId)}`, { method: "DELETE" }),
  changePassword: (body: ChangePasswordBody) => call(okBodySchema, "/api/auth/password", { method: "POST", body }),
  createPasswordReset: (body: CreatePasswordResetBody) => call(createdPasswordResetSchema, "/api/admin/password-resets", { method: "POST", body }),
  passwordReset: (secret: string) => call(passwordResetPreviewSchema, `/api/password-resets/${encodeURIComponent(secret)}`),
  usePasswordReset: (secret: string, body: UsePasswordResetBody) => call(okBodySchema, `/api/password-resets/${encodeURIComponent(secret)}`, { method: "POST", body }),
  invite: (secret: string) => call(invitePreviewSchema, `/api/invites/${encodeURIComponent(secret)}`),
  /** The room's notes as collab-server writes them (CSV or a printable page), passed on as they are. */
  notes: (id: string, format: "csv" | "html") => passedOn(`${room(id)}/notes?format=${format}`),
  /** A finished export's file, streamed; `range` is the browser's Range header, passed on. */
  exportFile: (id: string, exportId: string, range: string | null) => passedOn(`${room(id)}/exports/${encodeURIComponent(exportId)}/file`, { range: range ?? undefined }),
  /** Every note's summary of the room, packed (see unpackJson), as `as` (local mode) sees them. */
  threadSummaries: (id: string, query: { as?: string; max?: number }) =>
    passedOn(`${room(id)}/threads/summaries?${new URLSearchParams(Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])))}`),
  /** A note's thumbnail; `ifNoneMatch` is the browser's If-None-Match header, passed on. */
  thumbnail: (id: string, hash: string, ifNoneMatch: string | null) => passedOn(`${room(id)}/thumbnails/${encodeURIComponent(hash)}`, { ifNoneMatch: ifNoneMatch ?? undefined }),
  acceptInvite: (secret: string) => call(inviteAcceptedSchema, `/api/invites/${encodeURIComponent(secret)}/accept`, { method: "POST" }),
};
