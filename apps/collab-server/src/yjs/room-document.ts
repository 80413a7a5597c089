import * as encoding from "lib0/encoding";
import { Awareness, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { repairRoomDoc, typeRoomRoots, type DocProblem, type RepairReport } from "@umbra/doc";
import { UpdateValidator } from "./update-validator.js";

/** y-websocket message types (the first varUint of every message). */
export const MESSAGE = { sync: 0, awareness: 1, queryAwareness: 3 } as const;

/** One peer of a room document: something that can be sent binary messages. */
export interface DocumentPeer {
  send(message: Uint8Array): void;
}

export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function awarenessMessage(awareness: Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE.awareness);
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/** Origin of updates read back from storage: they are not stored again. */
const LOADED = Symbol("loaded from storage");
/** Origin of the server's repair of a stored document that breaks the schema: stored like any edit. */
const REPAIRED = Symbol("repaired on load");

/**
 * A room's shared Y.Doc and awareness, and the peers connected to it. Document
 * updates are handed to `persist` and broadcast to every peer; awareness changes
 * are broadcast only. With `checkUpdates`, a peer's update that would break the
 * document schema is refused before it touches the document.
 */
export class RoomDocument {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new Awareness(this.doc);
  private readonly peers = new Map<DocumentPeer, Set<number>>();
  /** Peers that are other collab-servers: the server whose client made an update stores it, and nothing goes back to where it came from. */
  private readonly relays = new Set<DocumentPeer>();
  private validator: UpdateValidator | null = null;

  constructor(
    readonly roomId: string,
    persist: (update: Uint8Array) => void,
    private readonly checkUpdates: boolean,
    /** Hears each update a peer of this server made (not one relayed from another server, nor a repair). */
    onPeerEdit: (peer: DocumentPeer) => void = () => {},
  ) {
    typeRoomRoots(this.doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === LOADED) return;
      if (this.relays.has(origin as DocumentPeer)) this.validator?.follow(update);
      else persist(update);
      if (this.peers.has(origin as DocumentPeer) && !this.relays.has(origin as DocumentPeer)) onPeerEdit(origin as DocumentPeer);
      this.broadcast(syncUpdateMessage(update), origin);
    });
    this.awareness.on("update", ({ added, updated, removed }: Record<"added" | "updated" | "removed", number[]>, origin: unknown) => {
      const owned = this.peers.get(origin as DocumentPeer);
      if (owned) {
        for (const id of added) owned.add(id);
        for (const id of removed) owned.delete(id);
      }
      this.broadcast(awarenessMessage(this.awareness, [...added, ...updated, ...removed]), origin);
    });
  }

  /**
   * Applies stored state, and repairs it where it breaks the schema (written before
   * updates were checked): the repair is a new update, stored after the rows it
   * corrects, which stay until compaction. Done before the first peer is added, so
   * nobody syncs an empty or a damaged document.
   */
  load(updates: readonly Uint8Array[], now: Date): RepairReport {
    if (updates.length) Y.applyUpdate(this.doc, Y.mergeUpdates(updates as Uint8Array[]), LOADED);
    const report = repairRoomDoc(this.doc, REPAIRED, now);
    if (this.checkUpdates) this.validator = new UpdateValidator(this.doc);
    return report;
  }

  /** Applies a peer's document update, unless it would break the schema: then nothing of it is applied and the problem is returned. */
  applyFromPeer(update: Uint8Array, peer: DocumentPeer): DocProblem | null {
    const problem = this.validator?.check(update) ?? null;
    if (!problem) Y.applyUpdate(this.doc, update, peer);
    return problem;
  }

  add(peer: DocumentPeer): void {
    this.peers.set(peer, new Set());
  }

  /** Adds the link to the other collab-servers that hold this room (see YjsRelay). */
  addRelay(peer: DocumentPeer): void {
    this.relays.add(peer);
    this.add(peer);
  }

  /** The presence states of the peer's own clients. */
  presenceOf(peer: DocumentPeer): unknown[] {
    return [...(this.peers.get(peer) ?? [])].map((id) => this.awareness.getStates().get(id));
  }

  /** Whether an awareness client id is owned by a peer other than this one. */
  ownedByOther(peer: DocumentPeer, clientId: number): boolean {
    for (const [other, ids] of this.peers) if (other !== peer && ids.has(clientId)) return true;
    return false;
  }

  /** Whether an awareness entry from `peer` only repeats what another peer's client already said (same clock or older). */
  isEcho(peer: DocumentPeer, clientId: number, clock: number): boolean {
    const known = this.awareness.meta.get(clientId);
    return known !== undefined && clock <= known.clock && this.ownedByOther(peer, clientId);
  }

  /** Removes the peer and its presence. */
  remove(peer: DocumentPeer): void {
    const owned = this.peers.get(peer);
    this.peers.delete(peer);
    this.relays.delete(peer);
    if (owned?.size) removeAwarenessStates(this.awareness, [...owned], null);
  }

  destroy(): void {
    this.validator?.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** To every peer; a change that came from another server is not sent back there. */
  private broadcast(message: Uint8Array, origin: unknown): void {
    for (const peer of this.peers.keys()) if (peer !== origin || !this.relays.has(peer)) peer.send(message);
  }
}
