import { errorBodySchema, realtimeTokenSchema, type RealtimeToken } from "@umbra/protocol";

export type TokenFetch = { ok: true; token: RealtimeToken } | { ok: false; lostAccess: boolean; message: string };

/**
 * Asks this web app for a fresh realtime token for the room (it forwards the
 * session cookie to collab-server). 401/404 mean the person no longer has access.
 */
export async function fetchRealtimeToken(roomId: string): Promise<TokenFetch> {
  let response: Response;
  try {
    response = await fetch(`/rooms/${encodeURIComponent(roomId)}/token`, { method: "POST", cache: "no-store" });
  } catch (error) {
    return { ok: false, lostAccess: false, message: `cannot reach the web app: ${error instanceof Error ? error.message : String(error)}` };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = realtimeTokenSchema.safeParse(body);
    return parsed.success ? { ok: true, token: parsed.data } : { ok: false, lostAccess: false, message: "the web app sent a malformed token" };
  }
  const error = errorBodySchema.safeParse(body);
  const lostAccess = response.status === 401 || response.status === 404;
  return {
    ok: false,
    lostAccess,
    message: lostAccess ? "You no longer have access to this room." : error.success ? error.data.error.message : `token request failed (${response.status})`,
  };
}

/** A token this close to expiry is not handed out: the connection would drop soon after. */
const SPARE_MS = 60_000;

/**
 * Tokens for one connection: the one the page came with, on the first connection
 * while it is fresh (saving a round trip when the room opens), then a fresh one
 * from the web app for every later (re)connection.
 */
export function realtimeTokens(roomId: string, initial: RealtimeToken | null): () => Promise<TokenFetch> {
  let pageToken = initial;
  return async () => {
    const token = pageToken;
    pageToken = null;
    if (token && Date.parse(token.expiresAt) - Date.now() > SPARE_MS) return { ok: true, token };
    return fetchRealtimeToken(roomId);
  };
}
