import { can, createRoomBodySchema, type Action, type Room, type RoomList } from "@umbra/protocol";
import type { IncomingMessage } from "node:http";
import type { Identify } from "../auth/request-identity.js";
import { HttpError, readValidBody, sendJson } from "../http/json-http.js";
import type { Router } from "../http/router.js";
import type { RoomStore } from "./room-store.js";

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

export function addRoomRoutes(router: Router, rooms: RoomStore, identify: Identify): void {
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
}
