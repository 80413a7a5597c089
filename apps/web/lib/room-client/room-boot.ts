import { z } from "zod";
import { meSchema, realtimeTokenSchema, roleSchema, threadSummaryPackSchema } from "@umbra/protocol";

/** The id of the room page's boot data: what the studio needs to connect before React has hydrated. */
export const ROOM_BOOT_ID = "umbra-room-boot";

/** The room page's boot data; the page writes it, early-connections reads it. */
export const roomBootSchema = z.object({
  roomId: z.string(),
  role: roleSchema,
  collab: z.object({ url: z.string().nullable(), port: z.string() }),
  token: realtimeTokenSchema.nullable(),
  me: meSchema,
  /** The room's document as the page was made (a base64 Yjs update): the chain shows before the socket has synced. Null when too large to send with the page. */
  document: z.string().nullable(),
  /**
   * Every note's summary, for a room of at most MAX_BOOT_NOTES: the pins are in the page
   * itself. Null for a larger room, whose notes the browser starts fetching from `notesUrl`
   * at once (a preload) and the studio picks up.
   */
  notes: threadSummaryPackSchema.nullable(),
  notesUrl: z.string(),
});
export type RoomBoot = z.infer<typeof roomBootSchema>;

/** The most notes whose summaries the page carries (about 0.5 kB each); a larger room's come by a fetch. */
export const MAX_BOOT_NOTES = 1000;

/** The largest document (its base64) the page carries; a larger one comes over the socket alone. */
export const MAX_BOOT_DOCUMENT = 512 * 1024;

/** A base64 Yjs update as bytes, on the server and in the browser alike. */
export function documentBytes(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** The boot data as the text of a JSON script element: "<" escaped, so no value can end the element. */
export function roomBootJson(boot: RoomBoot): string {
  return JSON.stringify(boot).replace(/</g, "\\u003c");
}
