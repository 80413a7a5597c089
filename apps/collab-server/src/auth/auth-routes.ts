import { loginBodySchema, signupBodySchema, type Me, type OkBody, type Session, type User } from "@umbra/protocol";
import { HttpError, readValidBody, sendJson } from "../http/json-http.js";
import type { Router } from "../http/router.js";
import { AttemptLimiter, type AttemptCounter } from "../limits/attempt-limiter.js";
import type { AccountStore } from "./account-store.js";
import { bearerToken, clientAddress, type Identify } from "./request-identity.js";

const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failed sign-ins allowed per account, and per address, in LOGIN_WINDOW_MS. */
export const LOGIN_LIMITS = { perAccount: 5, perAddress: 20 } as const;

export interface AuthRouteOptions {
  open: boolean;
  /** Sign-in names of the admins (UMBRA_ADMINS), for /api/auth/me. */
  admins: readonly string[];
  trustedProxies: readonly string[];
  log: (line: string) => void;
  /** Makes the failed sign-in counters ("account", "address"); by default in this process, with REDIS_URL shared by every server. */
  attemptCounter?: (kind: string, maxFailures: number, windowMs: number) => AttemptCounter;
}

function tooMany(retryAfterMs: number, what: string): HttpError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new HttpError(429, "RATE_LIMITED", `too many failed sign-ins for this ${what}; try again in ${seconds} s`, { "retry-after": String(seconds) });
}

/** Sign up, sign in, sign out, and who am I. */
export function addAuthRoutes(router: Router, accounts: AccountStore, identify: Identify, options: AuthRouteOptions): void {
  const counter = options.attemptCounter ?? ((_kind, max, windowMs) => new AttemptLimiter(max, windowMs));
  const byAccount = counter("account", LOGIN_LIMITS.perAccount, LOGIN_WINDOW_MS);
  const byAddress = counter("address", LOGIN_LIMITS.perAddress, LOGIN_WINDOW_MS);
  const accountsOff = () => new HttpError(403, "FORBIDDEN", "accounts are off: this server runs with UMBRA_OPEN=1 (one local user)");

  const session = async (user: User): Promise<Session> => {
    const { token, expiresAt } = await accounts.createSession(user.id);
    return { token, expiresAt: expiresAt.toISOString(), user };
  };

  router.add("POST", "/api/auth/signup", async (req, res) => {
    if (options.open) throw accountsOff();
    const body = await readValidBody(req, signupBodySchema, "sign-up");
    const user = await accounts.signup(body);
    if (user === "taken") throw new HttpError(409, "CONFLICT", `the name "${body.login}" is taken; pick another`);
    options.log(`auth: new account ${user.login}`);
    sendJson(res, 201, await session(user));
  });

  router.add("POST", "/api/auth/login", async (req, res) => {
    if (options.open) throw accountsOff();
    const body = await readValidBody(req, loginBodySchema, "sign-in");
    const address = clientAddress(req, options.trustedProxies);
    const waitAccount = await byAccount.retryAfterMs(body.login);
    if (waitAccount > 0) throw tooMany(waitAccount, "account");
    const waitAddress = await byAddress.retryAfterMs(address);
    if (waitAddress > 0) throw tooMany(waitAddress, "address");
    const user = await accounts.checkPassword(body.login, body.password);
    if (!user) {
      await Promise.all([byAccount.recordFailure(body.login), byAddress.recordFailure(address)]);
      options.log(`auth: failed sign-in for ${body.login} from ${address}`);
      throw new HttpError(401, "UNAUTHORIZED", "wrong name or password");
    }
    await byAccount.reset(body.login);
    sendJson(res, 200, await session(user));
  });

  router.add("POST", "/api/auth/logout", async (req, res) => {
    const token = bearerToken(req);
    if (token) await accounts.endSession(token);
    sendJson(res, 200, { ok: true } satisfies OkBody);
  });

  router.add("GET", "/api/auth/me", async (req, res) => {
    const user = await identify(req);
    // In local mode the one local user does everything an admin may.
    sendJson(res, 200, { user, open: options.open, admin: options.open || options.admins.includes(user.login) } satisfies Me);
  });
}
