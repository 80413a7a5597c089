import * as decoding from "lib0/decoding";
import { presenceStateSchema } from "@umbra/protocol";
import type { RealtimeGrant } from "../access/realtime-token.js";

export interface PresenceEntry {
  clientId: number;
  /** Awareness counts each client's changes; a higher clock is newer. */
  clock: number;
  /** null removes the client's presence. */
  state: unknown;
}

/** The entries of an encoded awareness update (y-protocols' wire format). */
export function readAwarenessUpdate(update: Uint8Array): PresenceEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: PresenceEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ clientId, clock, state: JSON.parse(decoding.readVarString(decoder)) as unknown });
  }
  return entries;
}

/** The state every stock Awareness starts with, sent on connect before the studio says who it is: nobody yet, nothing to check. */
export function isUnsetPresence(state: unknown): boolean {
  return state !== null && typeof state === "object" && !Array.isArray(state) && Object.keys(state).length === 0;
}

/**
 * Why an awareness update may not be applied, or null when it may. A peer speaks
 * only for itself: its state must name the token's user and role, and it may not
 * touch a client id another connection owns. In local mode (`browsersNameThemselves`)
 * every browser is the one local user, so each shows a name it chose instead.
 */
export function presenceProblem(
  entries: readonly PresenceEntry[],
  grant: RealtimeGrant,
  ownedElsewhere: (clientId: number) => boolean,
  browsersNameThemselves: boolean,
): string | null {
  for (const { clientId, state } of entries) {
    if (ownedElsewhere(clientId)) return `client ${clientId} belongs to another connection`;
    if (state === null) continue;
    const parsed = presenceStateSchema.safeParse(state);
    if (!parsed.success) return `presence state is malformed: ${parsed.error.issues[0]?.message ?? "unknown"}`;
    const { user } = parsed.data;
    if (user.id !== grant.user.id || user.role !== grant.role || (!browsersNameThemselves && user.name !== grant.user.displayName)) {
      return "presence must name the connection's own user and role";
    }
  }
  return null;
}
