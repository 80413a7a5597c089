import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { YJS_CLOSE_CODES, YJS_TOKEN_PARAM } from "@umbra/protocol";
import type { LiveConnections } from "../access/live-connections.js";
import type { RealtimeGate } from "../access/realtime-gate.js";
import type { RealtimeGrant } from "../access/realtime-token.js";
import type { RealtimeLimits } from "../config.js";
import { RoomDocument } from "./room-document.js";
import { YjsConnection } from "./yjs-connection.js";

/** WebSocket upgrades under this prefix belong to the Yjs endpoint: /yjs/<roomId>?token=… */
export const YJS_PATH_PREFIX = "/yjs/";

export interface YjsEndpointDeps {
  gate: RealtimeGate;
  live: LiveConnections;
  limits: RealtimeLimits;
  log: (line: string) => void;
}

/** WebSocket close reasons are limited to 123 bytes of UTF-8. */
export function closeReason(text: string): string {
  const bytes = Buffer.from(text);
  return bytes.length <= 123 ? text : bytes.subarray(0, 120).toString("utf8").replace(/\uFFFD$/, "") + "…";
}

/**
 * The y-websocket endpoint: checks the token, then syncs the room's document and
 * awareness with the stock y-websocket provider. A refused client is told why
 * with a close code (YJS_CLOSE_CODES) before any document data is sent.
 * Documents live in memory while the server runs; persistence is the co-editing issue's.
 */
export class YjsEndpoint {
  private readonly wss: WebSocketServer;
  private readonly documents = new Map<string, RoomDocument>();

  constructor(private readonly deps: YjsEndpointDeps) {
    // The hard cap guards memory; messages between the limit and it get our own close code.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: deps.limits.maxMessageBytes * 4 });
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://local");
    const roomId = decodeURIComponent(url.pathname.slice(YJS_PATH_PREFIX.length));
    // The client may hang up while the token is checked; until ws owns the socket, errors end it here.
    const dropOnError = () => socket.destroy();
    socket.on("error", dropOnError);
    this.deps.gate
      .admit(url.searchParams.get(YJS_TOKEN_PARAM) ?? undefined, roomId)
      .then((admission) => {
        socket.off("error", dropOnError);
        if (socket.destroyed) return;
        this.wss.handleUpgrade(req, socket, head, (ws) => {
          if (admission.ok) this.open(ws, roomId, admission.grant);
          else ws.close(YJS_CLOSE_CODES[admission.code], closeReason(`${admission.code}: ${admission.message}`));
        });
      })
      .catch((error: unknown) => {
        this.deps.log(`yjs: upgrade failed: ${error instanceof Error ? error.message : String(error)}`);
        socket.destroy();
      });
  }

  /** Connected peers of a room's document (for tests and health). */
  peerCount(roomId: string): number {
    return this.documents.get(roomId)?.peerCount ?? 0;
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    for (const document of this.documents.values()) document.destroy();
    this.documents.clear();
    this.wss.close();
  }

  private open(ws: WebSocket, roomId: string, grant: RealtimeGrant): void {
    const document = this.documents.get(roomId) ?? new RoomDocument(roomId);
    this.documents.set(roomId, document);
    const connection = new YjsConnection(ws, document, grant, this.deps.limits, this.deps.log);
    const unregister = this.deps.live.add(roomId, grant.user.id, (message) =>
      connection.close(YJS_CLOSE_CODES.ACCESS_REVOKED, closeReason(`ACCESS_REVOKED: ${message}`)),
    );
    ws.on("close", unregister);
  }
}
