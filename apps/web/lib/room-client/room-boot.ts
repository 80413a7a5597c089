import { z } from "zod";
import { meSchema, realtimeTokenSchema, roleSchema } from "@umbra/protocol";

/** The id of the room page's boot data: what the studio needs to connect before React has hydrated. */
export const ROOM_BOOT_ID = "umbra-room-boot";

/** The room page's boot data; the page writes it, early-connections reads it. */
export const roomBootSchema = z.object({
  roomId: z.string(),
  role: roleSchema,
  collab: z.object({ url: z.string().nullable(), port: z.string() }),
  token: realtimeTokenSchema.nullable(),
  me: meSchema,
});
export type RoomBoot = z.infer<typeof roomBootSchema>;

/** The boot data as the text of a JSON script element: "<" escaped, so no value can end the element. */
export function roomBootJson(boot: RoomBoot): string {
  return JSON.stringify(boot).replace(/</g, "\\u003c");
}
