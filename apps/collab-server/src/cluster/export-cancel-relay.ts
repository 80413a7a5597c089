import { z } from "zod";
import { jsonMessage, readJsonMessage } from "./cluster-message.js";
import type { RedisLink } from "./redis-link.js";

const CHANNEL = "umbra:export-cancels";

const cancelSchema = z.object({ roomId: z.string().uuid(), exportId: z.string().uuid() }).strict();

/**
 * An export runs on the collab-server that queued it; cancelling it from a socket on
 * another server is published here, and the server that holds it cancels it. Returns
 * the function that asks the others.
 */
export async function relayExportCancels(
  redis: RedisLink,
  cancelHere: (roomId: string, exportId: string) => Promise<unknown>,
  log: (line: string) => void,
): Promise<(roomId: string, exportId: string) => void> {
  await redis.subscribe(CHANNEL, (message) => {
    const parsed = readJsonMessage(cancelSchema, message);
    if (!parsed.ok) return log(`cluster: an export cancel from another server was refused: ${parsed.problem}`);
    const { roomId, exportId } = parsed.value;
    cancelHere(roomId, exportId).catch((error: unknown) =>
      log(`cluster: could not cancel export ${exportId} asked for on another server: ${error instanceof Error ? error.message : String(error)}`),
    );
  });
  return (roomId, exportId) => redis.publish(CHANNEL, jsonMessage({ roomId, exportId }));
}
