import { z } from "zod";
import { roleSchema } from "@umbra/protocol";
import type { AccessChange, LiveConnections } from "../access/live-connections.js";
import { jsonMessage, readJsonMessage } from "./cluster-message.js";
import type { RedisLink } from "./redis-link.js";

const CHANNEL = "umbra:access-changes";

const id = z.string().min(1).max(100);
const message = z.string().max(500);
/** What an access change says on the wire: read with the same bounds as the API that made it. */
const accessChangeSchema: z.ZodType<AccessChange> = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("revoke"), roomId: id, userIds: z.union([z.literal("everyone"), z.array(id).max(10_000)]), message }).strict(),
  z.object({ kind: z.literal("role"), roomId: id, userId: id, role: roleSchema, message }).strict(),
  z.object({ kind: z.literal("signout"), userId: id, message }).strict(),
]);

/**
 * Removing a member, revoking a link, deleting a room or changing a member's role on
 * one collab-server reaches the people's connections on every server: each change is
 * published, and each server applies it to what it holds.
 */
export async function relayAccessChanges(redis: RedisLink, live: LiveConnections, log: (line: string) => void): Promise<void> {
  live.onChange = (change) => redis.publish(CHANNEL, jsonMessage(change));
  await redis.subscribe(CHANNEL, (raw) => {
    const parsed = readJsonMessage(accessChangeSchema, raw);
    if (!parsed.ok) return log(`cluster: an access change from another server was refused: ${parsed.problem}`);
    const reached = live.apply(parsed.value);
    if (reached > 0) log(`cluster: applied a ${parsed.value.kind} made on another server to ${reached} connection(s)`);
  });
}
