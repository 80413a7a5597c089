import type { z } from "zod";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A value as a message to the other servers. */
export function jsonMessage(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

/** Another server's JSON message, checked: its value, or why it was refused. */
export function readJsonMessage<T>(schema: z.ZodType<T>, message: Uint8Array): { ok: true; value: T } | { ok: false; problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(message));
  } catch {
    return { ok: false, problem: "not JSON" };
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: parsed.error.issues[0]?.message ?? "wrong shape" };
}
