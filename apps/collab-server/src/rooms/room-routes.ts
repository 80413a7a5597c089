import { can, createRoomBodySchema, renameRoomBodySchema, type Action, type OkBody, type Room, type RoomDocumentState, type RoomList } from "@umbra/protocol";
import type { IncomingMessage } from "node:http";
import type { Identify } from "../auth/request-identity.js";
import { HttpError, readValidBody, sendJson } from "../http/json-http.js";
import type { Router } from "../http/router.js";
import type { LiveConnections } from "../access/live-connections.js";
import type { RoomStore } from "./room-store.js";

export interface RoomRouteDeps {
  rooms: RoomStore;
  identify: Identify;
  live: LiveConnections;
  /** Stores what the room's document has queued, so nothing is written after the room is gone. */
  flushDocument: (roomId: string) => Promise<void>;
  /** Stops the room's exports and deletes their files (the rows go with the room). */
  forgetExports: (roomId: string) => Promise<void>;
  /** The room's document as one Yjs update, its live state included. */
  documentState: (roomId: string) => Promise<Uint8Array>;
  /** Tells everyone in the room its new name. */
  announceName: (roomId: string, name: string) => void;
  log: (line: string) => void;
}

/**
 * The caller's room when they may do `action` in it. Non-members get the same 404
 * as for a room that does not exist, so room ids cannot be probed.
 */
export async function roomAllowing(rooms: RoomStore, identify: Identify, req: IncomingMessage, roomId: string, action: Action) {
  const user = await identify(req);
  const room = await rooms.getFor(roomId, user.id);
  if (!room) throw new HttpError(404, "ROOM_NOT_FOUND", `no room with id ${roomId}`);
  if (!can(room.role, action)) throw new HttpError(403, "FORBIDDEN", `a ${room.role} cannot ${action} in this room`);
  return { user, room };
}

export function addRoomRoutes(router: Router, { rooms, identify, live, flushDocument, documentState, forgetExports, announceName, log }: RoomRouteDeps): void {
  router.add("GET", "/api/rooms", async (req, res) => {
    const user = await identify(req);
    sendJson(res, 200, { rooms: await rooms.listFor(user.id) } satisfies RoomList);
  });

  router.add("POST", "/api/rooms", async (req, res) => {
    const user = await identify(req);
    const body = await readValidBody(req, createRoomBodySchema, "room");
    sendJson(res, 201, (await rooms.create(user.id, body.name, body.model)) satisfies Room);
  });

  router.add("GET", "/api/rooms/:id", async (req, res, { id }) => {
    const { room } = await roomAllowing(rooms, identify, req, id!, "render");
    sendJson(res, 200, room);
  });

  router.add("GET", "/api/rooms/:id/document", async (req, res, { id }) => {
    const { room } = await roomAllowing(rooms, identify, req, id!, "render");
    sendJson(res, 200, { state: Buffer.from(await documentState(room.id)).toString("base64") } satisfies RoomDocumentState);
  });

  router.add("PATCH", "/api/rooms/:id", async (req, res, { id }) => {
    const { room } = await roomAllowing(rooms, identify, req, id!, "manage");
    const body = await readValidBody(req, renameRoomBodySchema, "room");
    const renamed = await rooms.rename(room.id, body.name, room.role);
    announceName(room.id, renamed.name);
    sendJson(res, 200, renamed satisfies Room);
  });

  router.add("DELETE", "/api/rooms/:id", async (req, res, { id }) => {
    const { room } = await roomAllowing(rooms, identify, req, id!, "manage");
    // Everyone leaves first, and their last edits are stored, so nothing writes to the room once it is gone.
    const closed = live.disconnectRoom(room.id, `The owner deleted the room ${room.name}.`);
    await flushDocument(room.id);
    await forgetExports(room.id);
    await rooms.delete(room.id);
    log(`rooms: deleted room ${room.id} and closed ${closed} live connection(s)`);
    sendJson(res, 200, { ok: true } satisfies OkBody);
  });
}
