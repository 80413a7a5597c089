import { z } from "zod";
import { seedSchema } from "@umbra/latent";
import type { ErrorCode } from "./result.js";
import { roleSchema } from "./roles.js";

/**
 * WebSocket close codes of the Yjs channel (/yjs/<room>); the close reason
 * carries a sentence a person can read. 4000–4999 are free for applications.
 */
export const YJS_CLOSE_CODES = {
  /** A message that is not valid y-websocket protocol; nothing of it was applied. */
  VALIDATION_FAILED: 4400,
  UNAUTHORIZED: 4401,
  ACCESS_REVOKED: 4403,
  PAYLOAD_TOO_LARGE: 4413,
  RATE_LIMITED: 4429,
} as const satisfies Partial<Record<ErrorCode, number>>;

/** Query parameter carrying the realtime token on the Yjs channel (the stock provider's `params`). */
export const YJS_TOKEN_PARAM = "token";

/** Where a cursor is: over the frame stage or the timeline, in that area's 0..1 units both ways. */
export const cursorSchema = z
  .object({ area: z.enum(["stage", "timeline"]), x: z.number().min(0).max(1), y: z.number().min(0).max(1) })
  .strict();
export type Cursor = z.infer<typeof cursorSchema>;

/** A participant's playhead: a frame of one chain. */
export const playheadSchema = z.object({ chainId: z.string().max(100), frame: z.number().int().min(0) }).strict();
export type Playhead = z.infer<typeof playheadSchema>;

/**
 * One peer's Yjs awareness state. `user` must name the token's user: the server
 * drops awareness updates that claim someone else.
 */
export const presenceStateSchema = z.object({
  user: z.object({ id: z.string(), name: z.string().max(60), color: z.string().max(16), role: roleSchema }).strict(),
  cursor: cursorSchema.nullable().optional(),
  playhead: playheadSchema.nullable().optional(),
  /** Asks everyone to follow this peer. */
  presenting: z.boolean().optional(),
  /** The review thread this peer is writing in: "… is typing" travels here, never through the database. */
  typing: z.object({ threadId: z.string().max(64) }).strict().nullable().optional(),
  /** A seed this peer looks at instead of their playhead's frame (a scratch frame, not in any chain). */
  scratch: z.object({ seed: seedSchema }).strict().nullable().optional(),
  /** The version of the room this peer is looking at in History, by the name it shows; absent or null: the room as it is. */
  history: z.object({ version: z.string().max(120) }).strict().nullable().optional(),
});
export type PresenceState = z.infer<typeof presenceStateSchema>;
