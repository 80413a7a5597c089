/** A refusal a person can read: the handler answers it with this code. */
export class CommentRefusal extends Error {
  constructor(
    readonly code: "NOT_FOUND" | "FORBIDDEN" | "PAYLOAD_TOO_LARGE" | "VALIDATION_FAILED" | "RATE_LIMITED",
    message: string,
  ) {
    super(message);
  }
}
