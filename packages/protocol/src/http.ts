import { z } from "zod";
import { errorInfoSchema } from "./result.js";

/** POST /api/rooms */
export const createRoomBodySchema = z
  .object({
    name: z.string().trim().min(1, "a room needs a name").max(80, "room names are at most 80 characters"),
    model: z.string().min(1).max(200).optional(),
  })
  .strict();
export type CreateRoomBody = z.infer<typeof createRoomBodySchema>;

export const roomSchema = z.object({
  id: z.string(),
  name: z.string(),
  model: z.string(),
  createdAt: z.string(),
});
export type Room = z.infer<typeof roomSchema>;

/** GET /api/rooms */
export const roomListSchema = z.object({ rooms: z.array(roomSchema) });
export type RoomList = z.infer<typeof roomListSchema>;

/** Every non-2xx answer of the HTTP API. */
export const errorBodySchema = z.object({ error: errorInfoSchema });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** GET /healthz */
export const healthSchema = z.object({
  ok: z.literal(true),
  database: z.enum(["pglite", "postgres"]),
  workers: z.number().int(),
});
export type Health = z.infer<typeof healthSchema>;
