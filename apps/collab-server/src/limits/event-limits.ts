import type { Socket } from "socket.io";
import { EVENTS, failure, type ErrorInfo } from "@umbra/protocol";
import type { RealtimeLimits } from "../config.js";
import { payloadBytes } from "./payload-size.js";
import { TokenBucket } from "./token-bucket.js";

/**
 * Per-socket rate and size limits on incoming events. A refused event is answered
 * through its acknowledgement, or with request:refused when it has none, and is
 * never handled; the socket stays open, and other sockets are not touched.
 */
export function limitEvents(socket: Socket, limits: RealtimeLimits): void {
  const bucket = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 2);
  socket.use(([event, ...args], next) => {
    const last = args[args.length - 1];
    const refuse = (error: ErrorInfo) => {
      if (typeof last === "function") (last as (answer: unknown) => void)({ ok: false, error });
      else socket.emit(EVENTS.requestRefused, { event, error });
    };
    if (!bucket.take()) {
      refuse(failure("RATE_LIMITED", `more than ${limits.messagesPerSecond} messages per second; slow down`).error);
      return;
    }
    const size = payloadBytes(typeof last === "function" ? args.slice(0, -1) : args);
    if (size > limits.maxMessageBytes) {
      refuse(failure("PAYLOAD_TOO_LARGE", `a ${size}-byte ${event} message is over the ${limits.maxMessageBytes}-byte limit`).error);
      return;
    }
    next();
  });
}
