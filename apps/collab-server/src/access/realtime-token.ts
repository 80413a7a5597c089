import { SignJWT, errors, jwtVerify } from "jose";
import { roleSchema, type Role, type User } from "@umbra/protocol";
import { z } from "zod";

const ISSUER = "umbra-collab";
const AUDIENCE = "umbra-realtime";
/** Short enough that a leaked token is soon useless; clients fetch a fresh one on every (re)connect. */
export const REALTIME_TOKEN_TTL_SECONDS = 10 * 60;

/** Who may use a realtime channel of which room, and as what. */
export interface RealtimeGrant {
  user: User;
  roomId: string;
  role: Role;
}

const claimsSchema = z.object({
  sub: z.string(),
  room: z.string(),
  role: roleSchema,
  login: z.string(),
  name: z.string(),
  color: z.string(),
});

export type TokenCheck = { ok: true; grant: RealtimeGrant } | { ok: false; message: string };

/** Signs and checks the HS256 JWTs that open y-websocket and socket.io connections. */
export class RealtimeTokens {
  constructor(
    private readonly secret: Uint8Array,
    private readonly ttlSeconds = REALTIME_TOKEN_TTL_SECONDS,
  ) {}

  async issue(grant: RealtimeGrant): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000);
    const token = await new SignJWT({ room: grant.roomId, role: grant.role, login: grant.user.login, name: grant.user.displayName, color: grant.user.color })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(grant.user.id)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.secret);
    return { token, expiresAt };
  }

  /** The grant a token carries, or why it is refused (tampered, expired, malformed). */
  async verify(token: string): Promise<TokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ["HS256"] });
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) return { ok: false, message: "the token is missing its room or role" };
      const { sub, room, role, login, name, color } = claims.data;
      return { ok: true, grant: { user: { id: sub, login, displayName: name, color }, roomId: room, role } };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, message: "the token has expired; reconnect to get a new one" };
      if (error instanceof errors.JOSEError) return { ok: false, message: "the token is not valid" };
      throw error;
    }
  }
}
