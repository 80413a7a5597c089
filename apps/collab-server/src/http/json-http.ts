import type { IncomingMessage, ServerResponse } from "node:http";
import { failure, validate, type ErrorCode, type ErrorBody } from "@umbra/protocol";
import type { z } from "zod";

export const MAX_JSON_BODY_BYTES = 64 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    // API answers carry credentials and invitations: never cache them, never sniff them.
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string, issues?: string[], headers?: Record<string, string>): void {
  sendJson(res, status, { error: failure(code, message, issues).error } satisfies ErrorBody, headers);
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers?: Record<string, string>,
    readonly issues?: string[],
  ) {
    super(message);
  }
}

/** Parses a request body against a schema; a mismatch is a 400 naming the field. */
export async function readValidBody<S extends z.ZodType>(req: IncomingMessage, schema: S, what: string): Promise<z.infer<S>> {
  const body = validate(schema, await readJsonBody(req), what);
  if (!body.ok) throw new HttpError(400, body.error.code, body.error.message, undefined, body.error.issues);
  return body.value;
}

/** Reads a JSON request body up to MAX_JSON_BODY_BYTES; bad JSON is a 400, too much a 413. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BODY_BYTES) throw new HttpError(413, "VALIDATION_FAILED", `request body is over ${MAX_JSON_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return text.length ? JSON.parse(text) : undefined;
  } catch {
    throw new HttpError(400, "VALIDATION_FAILED", "request body is not valid JSON");
  }
}
