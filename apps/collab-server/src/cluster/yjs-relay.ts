import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { applyAwarenessUpdate } from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import { MESSAGE, awarenessMessage, type DocumentPeer, type RoomDocument } from "../yjs/room-document.js";
import type { RedisLink } from "./redis-link.js";

const channelOf = (roomId: string) => `umbra:yjs:${roomId}`;

/**
 * Keeps a room's document in step across collab-servers through Redis, as
 * Hocuspocus's Redis extension does: every server holding the room subscribes to
 * its channel and publishes the y-websocket messages its own clients cause, so
 * updates and presence reach every server's clients. A server that loads a room
 * asks the others for what it lacks (sync step 1) and for their presence. Each
 * server stores only its own clients' updates; they commute in the shared log.
 */
export class YjsRelay {
  private readonly links = new Map<string, DocumentPeer>();

  constructor(
    private readonly redis: RedisLink,
    private readonly log: (line: string) => void,
  ) {}

  /** Links a loaded room to the other servers that hold it, and catches up with them. */
  async join(document: RoomDocument): Promise<void> {
    const { roomId } = document;
    if (this.links.has(roomId)) return;
    const link: DocumentPeer = { send: (message) => this.publish(roomId, message) };
    this.links.set(roomId, link);
    document.addRelay(link);
    await this.redis.subscribe(channelOf(roomId), (message) => this.receive(document, link, message));
    const ask = encoding.createEncoder();
    encoding.writeVarUint(ask, MESSAGE.sync);
    syncProtocol.writeSyncStep1(ask, document.doc);
    this.publish(roomId, encoding.toUint8Array(ask));
    const query = encoding.createEncoder();
    encoding.writeVarUint(query, MESSAGE.queryAwareness);
    this.publish(roomId, encoding.toUint8Array(query));
  }

  /** Unlinks a room this server unloads. */
  async leave(document: RoomDocument): Promise<void> {
    const link = this.links.get(document.roomId);
    if (!link) return;
    this.links.delete(document.roomId);
    document.remove(link);
    await this.redis.unsubscribe(channelOf(document.roomId));
  }

  // A message that could not be published is still held by the clients that made it, and in
  // this server's log; the next server to load the room syncs it from them.
  private publish(roomId: string, message: Uint8Array): void {
    this.redis.publish(channelOf(roomId), message);
  }

  /** A message another server published: applied with the link as its origin, so it is neither stored nor sent back. */
  private receive(document: RoomDocument, link: DocumentPeer, message: Uint8Array): void {
    try {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE.sync) {
        const reply = encoding.createEncoder();
        encoding.writeVarUint(reply, MESSAGE.sync);
        syncProtocol.readSyncMessage(decoder, reply, document.doc, link);
        // A sync step 1 from a server that just loaded the room: answer with what it lacks.
        if (encoding.length(reply) > 1) this.publish(document.roomId, encoding.toUint8Array(reply));
      } else if (type === MESSAGE.awareness) {
        applyAwarenessUpdate(document.awareness, decoding.readVarUint8Array(decoder), link);
      } else if (type === MESSAGE.queryAwareness) {
        const states = [...document.awareness.getStates().keys()];
        if (states.length) this.publish(document.roomId, awarenessMessage(document.awareness, states));
      }
    } catch (error) {
      this.log(`cluster: a relayed message of room ${document.roomId} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
