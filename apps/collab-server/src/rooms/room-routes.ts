import { createRoomBodySchema, validate, type RoomList } from "@umbra/protocol";
import { readJsonBody, sendError, sendJson } from "../http/json-http.js";
import type { Router } from "../http/router.js";
import type { RoomStore } from "./room-store.js";

export function addRoomRoutes(router: Router, rooms: RoomStore): void {
  router.add("GET", "/api/rooms", async (_req, res) => {
    sendJson(res, 200, { rooms: await rooms.list() } satisfies RoomList);
  });

  router.add("POST", "/api/rooms", async (req, res) => {
    const body = validate(createRoomBodySchema, await readJsonBody(req), "room");
    if (!body.ok) {
      sendError(res, 400, body.error.code, body.error.message, body.error.issues);
      return;
    }
    sendJson(res, 201, await rooms.create(body.value.name, body.value.model));
  });

  router.add("GET", "/api/rooms/:id", async (_req, res, { id }) => {
    const room = await rooms.get(id!);
    if (room) sendJson(res, 200, room);
    else sendError(res, 404, "ROOM_NOT_FOUND", `no room with id ${id}`);
  });
}
