import { z } from "zod";
import type { LiveConnections, Revocation } from "../access/live-connections.js";
import type { RedisLink } from "./redis-link.js";

const CHANNEL = "umbra:revocations";

/** What a revocation says on the wire: read with the same bounds as the API that made it. */
const revocationSchema: z.ZodType<Revocation> = z
  .object({ roomId: z.string().min(1).max(100), userIds: z.union([z.literal("everyone"), z.array(z.string().min(1).max(100)).max(10_000)]), message: z.string().max(500) })
  .strict();

/**
 * Removing a member, revoking a link or deleting a room on one collab-server closes
 * the people's connections on every server: each revocation is published, and each
 * server closes what it holds.
 */
export async function relayRevocations(redis: RedisLink, live: LiveConnections, log: (line: string) => void): Promise<void> {
  live.onRevoked = (revocation) => redis.publish(CHANNEL, new TextEncoder().encode(JSON.stringify(revocation)));
  await redis.subscribe(CHANNEL, (message) => {
    let parsed: z.ZodSafeParseResult<Revocation>;
    try {
      parsed = revocationSchema.safeParse(JSON.parse(new TextDecoder().decode(message)));
    } catch (error) {
      return log(`cluster: a revocation from another server is not JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!parsed.success) return log(`cluster: a revocation from another server was malformed: ${parsed.error.issues[0]?.message ?? "unknown shape"}`);
    const closed = live.apply(parsed.data);
    if (closed > 0) log(`cluster: closed ${closed} connection(s) to room ${parsed.data.roomId} revoked on another server`);
  });
}
