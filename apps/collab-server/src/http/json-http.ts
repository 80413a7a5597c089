import type { IncomingMessage, ServerResponse } from "node:http";
import { failure, type ErrorCode, type ErrorBody } from "@umbra/protocol";

export const MAX_JSON_BODY_BYTES = 64 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string, issues?: string[]): void {
  sendJson(res, status, { error: failure(code, message, issues).error } satisfies ErrorBody);
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
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
