import { z } from "zod";

/** Error codes every boundary may answer with. */
export const ERROR_CODES = [
  "VALIDATION_FAILED",
  "ROOM_NOT_FOUND",
  "NOT_IN_ROOM",
  "NO_WORKER",
  "RENDER_FAILED",
  "RENDER_TIMEOUT",
  "NOT_FOUND",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "ACCESS_REVOKED",
  "LINK_INVALID",
  "CONFLICT",
  "RATE_LIMITED",
  "PAYLOAD_TOO_LARGE",
  "INTERNAL",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorInfoSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** Field-level problems, for VALIDATION_FAILED: "recipe.width: Too big…". */
  issues: z.array(z.string()).optional(),
});
export type ErrorInfo = z.infer<typeof errorInfoSchema>;

/** An acknowledgement or response: a value, or an error a person can read. */
export type Result<T> = ({ ok: true } & T) | { ok: false; error: ErrorInfo };

export function resultSchema<T extends z.ZodRawShape>(shape: T) {
  return z.discriminatedUnion("ok", [z.object({ ok: z.literal(true), ...shape }), z.object({ ok: z.literal(false), error: errorInfoSchema })]);
}

export function failure(code: ErrorCode, message: string, issues?: string[]): { ok: false; error: ErrorInfo } {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}

/** Parses input against a schema; a failure comes back as a VALIDATION_FAILED value. */
export function validate<S extends z.ZodType>(schema: S, input: unknown, what: string): { ok: true; value: z.infer<S> } | { ok: false; error: ErrorInfo } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join(".") : "(payload)"}: ${issue.message}`);
  return failure("VALIDATION_FAILED", `invalid ${what}: ${issues[0]}`, issues);
}
