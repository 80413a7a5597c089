import "server-only";
import { cookies, headers } from "next/headers";

/** The httpOnly cookie holding the session token collab-server issued. */
export const SESSION_COOKIE = "umbra_session";

/** Stores the session: httpOnly (no script reads it), SameSite=Lax, Secure behind HTTPS. */
export async function setSessionCookie(token: string, expiresAt: string): Promise<void> {
  const secure = (await headers()).get("x-forwarded-proto") === "https" || process.env.UMBRA_SECURE_COOKIES === "1";
  (await cookies()).set(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", secure, path: "/", expires: new Date(expiresAt) });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}
