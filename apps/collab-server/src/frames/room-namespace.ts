import type { Namespace } from "socket.io";
import {
  EVENTS,
  failure,
  frameRequestSchema,
  roomJoinSchema,
  validate,
  type RoomClientToServerEvents,
  type FrameReady,
  type RoomServerToClientEvents,
} from "@umbra/protocol";
import type { RoomStore } from "../rooms/room-store.js";
import type { FrameHub, FrameSink } from "./frame-hub.js";
import type { WorkerPool } from "./worker-pool.js";

type RoomNamespace = Namespace<RoomClientToServerEvents, RoomServerToClientEvents>;

/** Rooms whose last frame is remembered for newcomers; the oldest is forgotten first. */
const REMEMBERED_ROOMS = 1000;

export interface RoomFrameSink extends FrameSink {
  /** The frame the room last saw, shown to whoever joins next. */
  lastFrame(roomId: string): FrameReady | undefined;
}

/** Sends finished frames to everyone in the rooms that asked, as binary. */
export function roomFrameSink(nsp: RoomNamespace): RoomFrameSink {
  const last = new Map<string, FrameReady>();
  return {
    ready: (roomIds, frame) => {
      for (const roomId of roomIds) {
        const message = { ...frame, roomId };
        nsp.to(roomId).emit(EVENTS.frameReady, message);
        last.delete(roomId);
        last.set(roomId, message);
        if (last.size > REMEMBERED_ROOMS) last.delete(last.keys().next().value!);
      }
    },
    lastFrame: (roomId) => last.get(roomId),
    failed: (roomIds, hash, error) => {
      for (const roomId of roomIds) nsp.to(roomId).emit(EVENTS.frameFailed, { roomId, hash, error });
    },
  };
}

/** /rooms: browsers join a room, ask for frames, and receive every frame of the room. */
export function serveRoomNamespace(
  nsp: RoomNamespace,
  rooms: RoomStore,
  hub: FrameHub,
  sink: RoomFrameSink,
  pool: WorkerPool,
  log: (line: string) => void,
): void {
  pool.onChange(() => nsp.emit(EVENTS.workersStatus, { workers: pool.summaries() }));

  nsp.on("connection", (socket) => {
    socket.on(EVENTS.roomJoin, async (payload, ack) => {
      if (typeof ack !== "function") return;
      const join = validate(roomJoinSchema, payload, "room:join");
      if (!join.ok) {
        ack(join);
        return;
      }
      try {
        const room = await rooms.get(join.value.roomId);
        if (!room) {
          ack(failure("ROOM_NOT_FOUND", `no room with id ${join.value.roomId}`));
          return;
        }
        await socket.join(room.id);
        ack({ ok: true, room, workers: pool.summaries() });
        const current = sink.lastFrame(room.id);
        if (current) socket.emit(EVENTS.frameReady, current);
      } catch (error) {
        log(`rooms: join failed: ${error instanceof Error ? error.message : String(error)}`);
        ack(failure("INTERNAL", "could not join the room; the server logged why"));
      }
    });

    socket.on(EVENTS.frameRequest, (payload, ack) => {
      if (typeof ack !== "function") return;
      const request = validate(frameRequestSchema, payload, "frame:request");
      if (!request.ok) {
        ack(request);
        return;
      }
      if (!socket.rooms.has(request.value.roomId)) {
        ack(failure("NOT_IN_ROOM", "join the room with room:join before asking for frames"));
        return;
      }
      ack(hub.request(request.value.roomId, request.value.recipe));
    });
  });
}
