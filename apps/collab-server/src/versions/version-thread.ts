// The version packer's thread. It keeps a copy of each followed room's document, fed
// every update as the live one gets it, and makes versions from that copy: encoding
// the state, reading its chains, comparing them with the version before and gzipping.
// Done on the relay's thread, that work (5–17 ms a save for 20 chains × 50 keyframes)
// showed in the Yjs fan-out's p99.
import { gunzipSync, gzipSync, constants } from "node:zlib";
import * as Y from "yjs";
import { ChainsCache, RoomDoc, contentOfUpdate, countChanges, describeChanges, diffChains, documentSize, type Chain } from "@umbra/doc";
import { serveTasks } from "../threads/serve-tasks.js";
import type { PackedVersion, VersionThreadRequest } from "./version-packer.js";

interface FollowedRoom {
  doc: Y.Doc;
  /** Its chains, read again only where they changed since the last version. */
  chains: ChainsCache;
  /** The chains of the last version packed here: what the next is compared with, when the packer says so. */
  lastPacked: Chain[] | null;
}

const rooms = new Map<string, FollowedRoom>();
let warm = false;

function followed(roomId: string): FollowedRoom {
  const room = rooms.get(roomId);
  if (!room) throw new Error(`room ${roomId} is not followed here`);
  return room;
}

function forget(roomId: string): void {
  const room = rooms.get(roomId);
  room?.chains.destroy();
  room?.doc.destroy();
  rooms.delete(roomId);
}

function pack(room: FollowedRoom, before: Uint8Array | "last" | null): PackedVersion {
  const state = Y.encodeStateAsUpdate(room.doc);
  const chains = room.chains.chains();
  let earlier: Chain[] = [];
  if (before === "last") {
    if (!room.lastPacked) throw new Error("no version was packed here for this room");
    earlier = room.lastPacked;
  } else if (before) {
    earlier = contentOfUpdate(gunzipSync(before)).chains;
  }
  const changes = countChanges(diffChains(earlier, chains));
  // At zlib's fastest: a quarter of the bytes (208 KB → 56 KB) in a millisecond, and PGlite writes it in a fifth of the time.
  const packed = gzipSync(state, { level: constants.Z_BEST_SPEED });
  room.lastPacked = chains;
  return {
    summary: { ...documentSize(chains), changes, text: describeChanges(changes) },
    // A copy with a buffer of its own: a small Buffer may share Node's pool, which must not be handed over.
    packed: new Uint8Array(packed),
  };
}

/**
 * A new thread's code is cold: its first versions of 20 chains × 50 keyframes took 70–260 ms
 * (encoding alone 30 ms), later ones 10–20. Packing the first room it follows a few times,
 * long before its first version (rooms are followed from their first edit), warms it.
 */
function warmUp(room: FollowedRoom): void {
  for (let i = 0; i < WARM_UP_PACKS; i++) pack(room, room.lastPacked ? "last" : null);
  room.lastPacked = null;
  warm = true;
}
const WARM_UP_PACKS = 3;

function perform(request: VersionThreadRequest): PackedVersion | null {
  switch (request.kind) {
    case "follow": {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, request.state);
      forget(request.roomId);
      const room: FollowedRoom = { doc, chains: new ChainsCache(new RoomDoc(doc)), lastPacked: null };
      rooms.set(request.roomId, room);
      if (!warm) warmUp(room);
      return null;
    }
    case "updates": {
      const { doc } = followed(request.roomId);
      // One transaction: the copy's observers (its ChainsCache) run once for the batch.
      doc.transact(() => {
        for (const update of request.updates) Y.applyUpdate(doc, update);
      });
      return null;
    }
    case "unfollow":
      forget(request.roomId);
      return null;
    case "pack":
      return pack(followed(request.roomId), request.before);
  }
}

serveTasks("packing a version failed", perform, (answer) => (answer ? [answer.packed.buffer as ArrayBuffer] : []));
