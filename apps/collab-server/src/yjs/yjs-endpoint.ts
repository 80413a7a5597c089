import * as Y from "yjs";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { YJS_CLOSE_CODES, YJS_TOKEN_PARAM, type VersionPerson } from "@umbra/protocol";
import type { LiveConnections } from "../access/live-connections.js";
import type { YjsRelay } from "../cluster/yjs-relay.js";
import type { RealtimeGate } from "../access/realtime-gate.js";
import type { RealtimeGrant } from "../access/realtime-token.js";
import type { RealtimeLimits } from "../config.js";
import { closeReason } from "./close-reason.js";
import type { DocumentStore } from "./document-store.js";
import { RoomDocument } from "./room-document.js";
import { UpdateLog } from "./update-log.js";
import { YjsConnection } from "./yjs-connection.js";

/** WebSocket upgrades under this prefix belong to the Yjs endpoint: /yjs/<roomId>?token=… */
export const YJS_PATH_PREFIX = "/yjs/";

export interface YjsEndpointDeps {
  gate: RealtimeGate;
  live: LiveConnections;
  limits: RealtimeLimits;
  store: DocumentStore;
  /** Local mode (UMBRA_OPEN): every browser is the local user, and its presence carries a name it chose. */
  open: boolean;
  /** Refuse peers' updates that would break the document schema; off only in tests of the reader. */
  checkDocumentUpdates: boolean;
  log: (line: string) => void;
  /** Hears each update's receipt-to-commit time (benchmarks). */
  onCommitted?: (ms: number) => void;
  /** With REDIS_URL: keeps rooms in step with the other collab-servers that hold them. */
  relay?: YjsRelay;
  /** Hears who edited which room through this server (History's automatic versions). */
  onEdit?: (roomId: string, by: VersionPerson, doc: Y.Doc) => void;
}

/** A loaded document and how many connections hold it (or are about to). */
interface Loaded {
  document: RoomDocument;
  leases: number;
}

/** A repair of a badly damaged room is logged line by line up to this many changes, then counted. */
const REPAIR_LINES_LOGGED = 50;

/** How long shutdown waits for queued updates to reach the database. */
const SHUTDOWN_FLUSH_MS = 10_000;

/**
 * The y-websocket endpoint: checks the token, then syncs the room's document and
 * awareness with the stock y-websocket provider. A refused client is told why
 * with a close code (YJS_CLOSE_CODES) before any document data is sent.
 *
 * A room's stored state is loaded before the upgrade completes, so the first
 * sync reply already holds it. Every update is queued to the UpdateLog and
 * committed within a batch window; a document is flushed and unloaded after its
 * last client leaves, and everything is flushed on close.
 */
export class YjsEndpoint {
  private readonly wss: WebSocketServer;
  private readonly documents = new Map<string, Promise<Loaded>>();
  private readonly updates: UpdateLog;

  constructor(private readonly deps: YjsEndpointDeps) {
    // The hard cap guards memory; messages between the limit and it get our own close code.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: deps.limits.yjsMaxMessageBytes * 2 });
    this.updates = new UpdateLog(deps.store, { log: deps.log, onCommitted: deps.onCommitted });
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://local");
    const roomId = decodeURIComponent(url.pathname.slice(YJS_PATH_PREFIX.length));
    // The client may hang up while the token is checked; until ws owns the socket, errors end it here.
    const dropOnError = () => socket.destroy();
    socket.on("error", dropOnError);
    void (async () => {
      const admission = await this.deps.gate.admit(url.searchParams.get(YJS_TOKEN_PARAM) ?? undefined, roomId);
      const loaded = admission.ok ? await this.acquire(roomId) : undefined;
      socket.off("error", dropOnError);
      if (socket.destroyed) {
        if (loaded) this.release(roomId, loaded);
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        if (admission.ok && loaded) this.open(ws, loaded, admission.grant);
        else if (!admission.ok) ws.close(YJS_CLOSE_CODES[admission.code], closeReason(`${admission.code}: ${admission.message}`));
      });
    })().catch((error: unknown) => {
      this.deps.log(`yjs: could not open room ${roomId}: ${error instanceof Error ? error.message : String(error)}`);
      socket.destroy();
    });
  }

  /** Stores the room's queued updates (before the room is deleted). */
  async flushRoom(roomId: string): Promise<void> {
    await this.updates.flush(roomId);
  }

  /** Reads the room's current document (the live one, edits not yet stored included), loading it when nobody has it open, and holding it until `read` (which may be async) is done. */
  async readRoom<T>(roomId: string, read: (doc: Y.Doc) => T | Promise<T>): Promise<T> {
    const loaded = await this.acquire(roomId);
    try {
      return await read(loaded.document.doc);
    } finally {
      this.release(roomId, loaded);
    }
  }

  /** The room's current document as one update: what a page shows before its own connection has synced. */
  documentState(roomId: string): Promise<Uint8Array> {
    return this.readRoom(roomId, (doc) => Y.encodeStateAsUpdate(doc));
  }

  /**
   * With other servers: stores every held room's whole state. Call it when another
   * server has gone (see storeRelayed).
   */
  async storeHeldRooms(): Promise<number> {
    const held = [...this.documents.entries()];
    for (const [roomId, pending] of held) this.storeRelayed(roomId, (await pending).document);
    return held.length;
  }

  /** Closes every connection and stores every queued update (waiting up to 10 s). */
  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    if (this.deps.relay) await this.storeHeldRooms();
    await this.updates.flushAll(SHUTDOWN_FLUSH_MS);
    for (const loaded of this.documents.values()) (await loaded).document.destroy();
    this.documents.clear();
    this.wss.close();
  }

  /** The room's document, loaded from storage on first use, with one more lease on it. */
  private async acquire(roomId: string): Promise<Loaded> {
    let pending = this.documents.get(roomId);
    if (!pending) {
      pending = (async () => {
        const document = new RoomDocument(roomId, (update) => this.updates.enqueue(roomId, update), this.deps.checkDocumentUpdates, (peer) => {
          if (peer instanceof YjsConnection) this.deps.onEdit?.(roomId, peer.editor(), document.doc);
        });
        const repair = document.load(await this.deps.store.load(roomId), new Date());
        if (repair.changes.length > 0) {
          this.deps.log(`yjs: room ${roomId} broke the document schema; repaired it (${repair.removed} removed, ${repair.corrected} corrected; the stored rows stay until compaction):`);
          for (const change of repair.changes.slice(0, REPAIR_LINES_LOGGED)) this.deps.log(`yjs:   ${change}`);
          if (repair.changes.length > REPAIR_LINES_LOGGED) this.deps.log(`yjs:   … and ${repair.changes.length - REPAIR_LINES_LOGGED} more`);
        }
        // After the stored state: what other servers hold beyond it arrives as their answer to our sync step 1.
        await this.deps.relay?.join(document);
        return { document, leases: 0 };
      })();
      this.documents.set(roomId, pending);
      pending.catch(() => this.documents.delete(roomId));
    }
    const loaded = await pending;
    loaded.leases++;
    return loaded;
  }

  /** Drops a lease; the last one flushes the room's updates and unloads it, unless someone came back meanwhile. */
  private release(roomId: string, loaded: Loaded): void {
    loaded.leases--;
    if (loaded.leases > 0) return;
    if (this.deps.relay) this.storeRelayed(roomId, loaded.document);
    void this.updates
      .flush(roomId)
      .then(async () => {
        if (loaded.leases > 0 || (await this.documents.get(roomId)) !== loaded) return;
        this.documents.delete(roomId);
        this.updates.forget(roomId);
        await this.deps.relay?.leave(loaded.document);
        loaded.document.destroy();
      })
      .catch((error: unknown) => this.deps.log(`yjs: unloading room ${roomId} failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  /**
   * Another server relays its clients' updates here before its own commit. If it dies
   * in between, the update is held only in memory here, and its clients, reconnecting
   * here, find it already present and never send it again. So a server that holds a
   * room alongside others stores the whole state (idempotent in Yjs; compaction folds
   * it in) when it lets the room go, when it stops, and when another server has gone.
   */
  private storeRelayed(roomId: string, document: RoomDocument): void {
    this.updates.enqueue(roomId, Y.encodeStateAsUpdate(document.doc));
  }

  private open(ws: WebSocket, loaded: Loaded, grant: RealtimeGrant): void {
    const connection = new YjsConnection(ws, loaded.document, grant, this.deps.limits, this.deps.open, this.deps.log);
    const unregister = this.deps.live.add(grant.roomId, grant.user.id, {
      revoke: (message) => connection.close(YJS_CLOSE_CODES.ACCESS_REVOKED, closeReason(`ACCESS_REVOKED: ${message}`)),
      // Its token names the old role: the client comes back at once with a fresh one, as after a token expires.
      roleChanged: (_role, message) => connection.close(YJS_CLOSE_CODES.UNAUTHORIZED, closeReason(`ROLE_CHANGED: ${message}`)),
    });
    ws.on("close", () => {
      unregister();
      this.release(grant.roomId, loaded);
    });
  }
}
