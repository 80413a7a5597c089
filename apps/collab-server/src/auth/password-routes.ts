import {
  changePasswordBodySchema,
  createPasswordResetBodySchema,
  usePasswordResetBodySchema,
  type CreatedPasswordReset,
  type OkBody,
  type PasswordResetPreview,
} from "@umbra/protocol";
import type { LiveConnections } from "../access/live-connections.js";
import { HttpError, readValidBody, sendJson } from "../http/json-http.js";
import type { Router } from "../http/router.js";
import type { AccountStore } from "./account-store.js";
import type { PasswordResets } from "./password-resets.js";
import { bearerToken, type Identify } from "./request-identity.js";

export interface PasswordRouteDeps {
  accounts: AccountStore;
  resets: PasswordResets;
  live: LiveConnections;
  identify: Identify;
  open: boolean;
  /** Sign-in names of the admins (UMBRA_ADMINS). */
  admins: readonly string[];
  log: (line: string) => void;
}

const LINK_PROBLEMS = {
  unknown: "this password reset link does not exist; ask an admin for a new one",
  used: "this password reset link was used already; ask an admin for a new one",
  expired: "this password reset link has expired; ask an admin for a new one",
} as const;

/** Changing your own password, and password resets without email: an admin's one-time link. */
export function addPasswordRoutes(router: Router, { accounts, resets, live, identify, open, admins, log }: PasswordRouteDeps): void {
  const accountsOff = () => new HttpError(403, "FORBIDDEN", "accounts are off: this server runs with UMBRA_OPEN=1 (one local user, no passwords)");

  router.add("POST", "/api/auth/password", async (req, res) => {
    if (open) throw accountsOff();
    const user = await identify(req);
    const body = await readValidBody(req, changePasswordBodySchema, "password change");
    if (!(await accounts.changePassword(user.id, body.current, body.password, bearerToken(req)))) throw new HttpError(403, "FORBIDDEN", "that is not your current password");
    log(`auth: ${user.login} changed their password; their other sessions ended`);
    sendJson(res, 200, { ok: true } satisfies OkBody);
  });

  router.add("POST", "/api/admin/password-resets", async (req, res) => {
    if (open) throw accountsOff();
    const admin = await identify(req);
    if (!admins.includes(admin.login)) throw new HttpError(403, "FORBIDDEN", "only admins (UMBRA_ADMINS) make password reset links");
    const { login } = await readValidBody(req, createPasswordResetBodySchema, "password reset");
    const made = await resets.create(login, admin.id);
    if (!made) throw new HttpError(404, "NOT_FOUND", `there is no account named ${login}`);
    log(`auth: ${admin.login} made a password reset link for ${made.login}`);
    sendJson(res, 201, made satisfies CreatedPasswordReset);
  });

  router.add("GET", "/api/password-resets/:secret", async (_req, res, { secret }) => {
    const preview = await resets.preview(secret!);
    if (!preview) throw new HttpError(404, "NOT_FOUND", LINK_PROBLEMS.unknown);
    sendJson(res, 200, preview satisfies PasswordResetPreview);
  });

  router.add("POST", "/api/password-resets/:secret", async (req, res, { secret }) => {
    if (open) throw accountsOff();
    const { password } = await readValidBody(req, usePasswordResetBodySchema, "new password");
    const used = await resets.use(secret!, password);
    if (!used.ok) throw new HttpError(used.status === "unknown" ? 404 : 410, used.status === "unknown" ? "NOT_FOUND" : "LINK_INVALID", LINK_PROBLEMS[used.status]);
    const closed = live.disconnectUser(used.user.id, "Your password was reset, so every session of your account ended. Sign in again.");
    log(`auth: ${used.user.login} set a new password through a reset link; every session ended, ${closed} live connection(s) closed`);
    sendJson(res, 200, { ok: true } satisfies OkBody);
  });
}
