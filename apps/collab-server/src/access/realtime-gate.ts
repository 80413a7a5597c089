import { roleAtLeast } from "@umbra/protocol";
import type { RoomStore } from "../rooms/room-store.js";
import type { RealtimeGrant, RealtimeTokens } from "./realtime-token.js";

export type Admission = { ok: true; grant: RealtimeGrant } | { ok: false; code: "UNAUTHORIZED" | "ACCESS_REVOKED"; message: string };

/**
 * Decides whether a realtime connection may open: the token must be genuine,
 * unexpired, for this room, and its user must still be a member. The role used
 * is the lower of the token's and the member's current one.
 */
export class RealtimeGate {
  constructor(
    private readonly tokens: RealtimeTokens,
    private readonly rooms: RoomStore,
  ) {}

  /**
   * Admits a token to `roomId`, or, when no room is given (socket.io, whose
   * handshake names none), to the room the token names.
   */
  async admit(token: string | undefined, roomId?: string): Promise<Admission> {
    if (!token) return { ok: false, code: "UNAUTHORIZED", message: "no token: ask the web app for one (POST /api/rooms/:id/token)" };
    const check = await this.tokens.verify(token);
    if (!check.ok) return { ok: false, code: "UNAUTHORIZED", message: check.message };
    const { grant } = check;
    if (roomId !== undefined && grant.roomId !== roomId) return { ok: false, code: "UNAUTHORIZED", message: "this token is for another room" };
    const current = await this.rooms.roleOf(grant.roomId, grant.user.id);
    if (!current) return { ok: false, code: "ACCESS_REVOKED", message: "you are no longer a member of this room" };
    return { ok: true, grant: { ...grant, role: roleAtLeast(current, grant.role) ? grant.role : current } };
  }
}
