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
 * from trusted proxies (the web app's server, a load balancer), since anyone can
 * send the header: the hops are read from the nearest back, and the first address
 * that is not a trusted proxy is the caller. A proxy that appends to the header
 * (nginx's $proxy_add_x_forwarded_for) thus cannot be fooled by a forged first entry.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: readonly string[]): string {
  const peer = req.socket.remoteAddress ?? "unknown";
  const forwarded = req.headers["x-forwarded-for"];
  const hops = typeof forwarded === "string" ? forwarded.split(",").map((hop) => hop.trim()).filter((hop) => hop !== "") : [];
  let caller = peer;
  while (trustedProxies.includes(caller) && hops.length > 0) caller = hops.pop()!;
  return caller;
}
