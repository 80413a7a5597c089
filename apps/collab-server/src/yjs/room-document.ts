import * as encoding from "lib0/encoding";
import { Awareness, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

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

/**
 * A room's shared Y.Doc and awareness, and the peers connected to it. Document
 * updates are handed to `persist` and broadcast to every peer; awareness changes
 * are broadcast only.
 */
export class RoomDocument {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new Awareness(this.doc);
  private readonly peers = new Map<DocumentPeer, Set<number>>();

  constructor(
    readonly roomId: string,
    persist: (update: Uint8Array) => void,
  ) {
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === LOADED) return;
      persist(update);
      this.broadcast(syncUpdateMessage(update));
    });
    this.awareness.on("update", ({ added, updated, removed }: Record<"added" | "updated" | "removed", number[]>, origin: unknown) => {
      const owned = this.peers.get(origin as DocumentPeer);
      if (owned) {
        for (const id of added) owned.add(id);
        for (const id of removed) owned.delete(id);
      }
      this.broadcast(awarenessMessage(this.awareness, [...added, ...updated, ...removed]));
    });
  }

  /** Applies stored state; done before the first peer is added, so nobody syncs an empty document. */
  load(updates: readonly Uint8Array[]): void {
    if (updates.length) Y.applyUpdate(this.doc, Y.mergeUpdates(updates as Uint8Array[]), LOADED);
  }

  add(peer: DocumentPeer): void {
    this.peers.set(peer, new Set());
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
    if (owned?.size) removeAwarenessStates(this.awareness, [...owned], null);
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }

  private broadcast(message: Uint8Array): void {
    for (const peer of this.peers.keys()) peer.send(message);
  }
}
