import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

/** WebSocket upgrades under this prefix belong to the Yjs endpoint: /yjs/<roomId>. */
export const YJS_PATH_PREFIX = "/yjs/";

/**
 * The y-websocket endpoint (sync + awareness, with persistence) is built by the
 * co-editing issue. Until then the path is reserved and refuses upgrades plainly.
 */
export function handleYjsUpgrade(_req: IncomingMessage, socket: Duplex): void {
  socket.end("HTTP/1.1 501 Not Implemented\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nthe Yjs endpoint is not available yet\n");
}
