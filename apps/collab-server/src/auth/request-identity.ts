import type { IncomingMessage } from "node:http";
import type { User } from "@umbra/protocol";
import { HttpError } from "../http/json-http.js";
import type { AccountStore } from "./account-store.js";

/** The session token of an API call: `Authorization: Bearer <token>`, sent by the web app's server. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header) : null;
  return match?.[1];
}

export type Identify = (req: IncomingMessage) => Promise<User>;

/** Who is calling: the local user in open mode, else the session's user; anyone else is a 401. */
export function requestIdentity(accounts: AccountStore, open: boolean): Identify {
  return async (req) => {
    if (open) return accounts.localUser();
    const token = bearerToken(req);
    const user = token ? await accounts.userForSession(token) : null;
    if (!user) throw new HttpError(401, "UNAUTHORIZED", "sign in first: this request carries no valid session");
    return user;
  };
}

/**
 * The caller's address for per-address limits. X-Forwarded-For is believed only
 * from a trusted proxy (the web app's server), since anyone can send the header.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: readonly string[]): string {
  const peer = req.socket.remoteAddress ?? "unknown";
  const forwarded = req.headers["x-forwarded-for"];
  if (typeof forwarded === "string" && trustedProxies.includes(peer)) {
    const first = forwarded.split(",")[0]?.trim();
    if (first) return first;
  }
  return peer;
}
