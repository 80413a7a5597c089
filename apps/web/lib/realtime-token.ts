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
