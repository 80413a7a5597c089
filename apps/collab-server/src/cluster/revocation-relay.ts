import { z } from "zod";
import type { LiveConnections, Revocation } from "../access/live-connections.js";
import { jsonMessage, readJsonMessage } from "./cluster-message.js";
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
  live.onRevoked = (revocation) => redis.publish(CHANNEL, jsonMessage(revocation));
  await redis.subscribe(CHANNEL, (message) => {
    const parsed = readJsonMessage(revocationSchema, message);
    if (!parsed.ok) return log(`cluster: a revocation from another server was refused: ${parsed.problem}`);
    const closed = live.apply(parsed.value);
    if (closed > 0) log(`cluster: closed ${closed} connection(s) to room ${parsed.value.roomId} revoked on another server`);
  });
}
