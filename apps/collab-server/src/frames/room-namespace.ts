import {
  EVENTS,
  can,
  failure,
  roomHandshakeSchema,
  frameRequestSchema,
  framesPrefetchSchema,
  roomJoinSchema,
  directionsLoadSchema,
  validate,
  type FrameReady,
} from "@umbra/protocol";
import type { LiveConnections } from "../access/live-connections.js";
import type { RealtimeGate } from "../access/realtime-gate.js";
import type { RealtimeGrant } from "../access/realtime-token.js";
import type { RealtimeLimits } from "../config.js";
import { limitEvents } from "../limits/event-limits.js";
import type { RoomNamespace } from "../rooms/room-event.js";
import type { RoomStore } from "../rooms/room-store.js";
import type { DirectionFinder } from "./direction-finder.js";
import type { FrameHub, FrameSink } from "./frame-hub.js";
import { PreviewSender } from "./preview-sender.js";
import type { WorkerRoster } from "../cluster/worker-roster.js";


/** Rooms whose last frame is remembered for newcomers; the oldest is forgotten first. */
const REMEMBERED_ROOMS = 1000;

export interface RoomFrameSink extends FrameSink {
  /** The frames the room last saw, one per size (preview, thumbnails), shown to whoever joins next. */
  lastFrames(roomId: string): FrameReady[];
}

/**
 * Sends finished frames as binary: surely to whoever asked, and to the rest of the
 * room as previews where a client still busy receiving skips to the newest (see
 * PreviewSender) instead of frames piling up in server memory.
 */
export function roomFrameSink(nsp: RoomNamespace): RoomFrameSink {
  const last = new Map<string, Map<number, FrameReady>>();
  const previews = new PreviewSender();
  const remember = (roomId: string, message: FrameReady) => {
    const bySize = last.get(roomId) ?? new Map<number, FrameReady>();
    last.delete(roomId);
    last.set(roomId, bySize);
    bySize.set(message.width, message);
    if (last.size > REMEMBERED_ROOMS) last.delete(last.keys().next().value!);
  };
  return {
    ready: ({ rooms, requesters }, frame) => {
      // Frames stay on this server (its hub rendered them for its own sockets): never through Redis.
      for (const [socketId, roomId] of requesters) nsp.local.to(socketId).emit(EVENTS.frameReady, { ...frame, roomId, shared: rooms.has(roomId) });
      for (const roomId of rooms) {
        const message = { ...frame, roomId, shared: true };
        for (const socketId of nsp.adapter.rooms.get(roomId) ?? []) {
          const socket = nsp.sockets.get(socketId);
          if (socket && !requesters.has(socketId)) previews.send(socket, message);
        }
        remember(roomId, message);
      }
    },
    lastFrames: (roomId) => [...(last.get(roomId)?.values() ?? [])],
    failed: ({ rooms, requesters }, hash, error) => {
      for (const [socketId, roomId] of requesters) nsp.local.to(socketId).emit(EVENTS.frameFailed, { roomId, hash, error });
      for (const roomId of rooms) nsp.local.to(roomId).except([...requesters.keys()]).emit(EVENTS.frameFailed, { roomId, hash, error });
    },
  };
}

/** Where a room socket's grant lives once the handshake admitted it. */
interface RoomSocketData {
  grant: RealtimeGrant;
}

export interface RoomNamespaceDeps {
  rooms: RoomStore;
  gate: RealtimeGate;
  live: LiveConnections;
  hub: FrameHub;
  sink: RoomFrameSink;
  /** The workers rooms render with: this server's, and every other server's in a cluster. */
  roster: WorkerRoster;
  directions: DirectionFinder;
  limits: RealtimeLimits;
  log: (line: string) => void;
}

/**
 * /rooms: a browser connects with a realtime token for one room, joins it, asks
 * for frames and receives every frame of the room. No event is handled before
 * the handshake's token is verified.
 */
export function serveRoomNamespace(nsp: RoomNamespace, { rooms, gate, live, hub, sink, roster, directions, limits, log }: RoomNamespaceDeps): void {
  // Each server tells its own sockets (the roster already holds the other servers' workers).
  roster.onChange(() => nsp.local.emit(EVENTS.workersStatus, { workers: roster.summaries() }));

  nsp.use((socket, next) => {
    const handshake = roomHandshakeSchema.safeParse(socket.handshake.auth);
    gate
      .admit(handshake.success ? handshake.data.token : undefined)
      .then((admission) => {
        if (!admission.ok) {
          next(Object.assign(new Error(admission.message), { data: { code: admission.code } }));
          return;
        }
        (socket.data as RoomSocketData).grant = admission.grant;
        next();
      })
      .catch((error: unknown) => {
        log(`rooms: handshake failed: ${error instanceof Error ? error.message : String(error)}`);
        next(Object.assign(new Error("the server could not check your token; it logged why"), { data: { code: "INTERNAL" } }));
      });
  });

  nsp.on("connection", (socket) => {
    const { grant } = socket.data as RoomSocketData;
    const unregister = live.add(grant.roomId, grant.user.id, {
      revoke: (message) => {
        socket.emit(EVENTS.sessionRevoked, { code: "ACCESS_REVOKED", message });
        socket.disconnect(true);
      },
      // Every handler on this socket reads the grant's role when it acts, so the new one holds at once.
      roleChanged: (role, message) => {
        grant.role = role;
        socket.emit(EVENTS.sessionRole, { role, message });
      },
    });
    socket.on("disconnect", () => {
      unregister();
      hub.forget(socket.id);
    });
    limitEvents(socket, limits);

    socket.on(EVENTS.roomJoin, async (payload, ack) => {
      if (typeof ack !== "function") return;
      const join = validate(roomJoinSchema, payload, "room:join");
      if (!join.ok) {
        ack(join);
        return;
      }
      if (join.value.roomId !== grant.roomId) {
        ack(failure("FORBIDDEN", "this connection's token is for another room"));
        return;
      }
      try {
        const room = await rooms.getFor(grant.roomId, grant.user.id);
        if (!room) {
          ack(failure("ACCESS_REVOKED", "you are no longer a member of this room"));
          return;
        }
        await socket.join(room.id);
        ack({ ok: true, room: { ...room, role: grant.role }, workers: roster.summaries() });
        for (const frame of sink.lastFrames(room.id)) socket.emit(EVENTS.frameReady, frame);
      } catch (error) {
        log(`rooms: join failed: ${error instanceof Error ? error.message : String(error)}`);
        ack(failure("INTERNAL", "could not join the room; the server logged why"));
      }
    });

    /** Shared checks of frame:request and frames:prefetch: may ask, and is in the room. */
    const mayRender = (roomId: string) => {
      if (!can(grant.role, "render")) return failure("FORBIDDEN", `a ${grant.role} cannot ask for frames`);
      if (!socket.rooms.has(roomId)) return failure("NOT_IN_ROOM", "join the room with room:join before asking for frames");
      return null;
    };

    socket.on(EVENTS.frameRequest, (payload, ack) => {
      if (typeof ack !== "function") return;
      const request = validate(frameRequestSchema, payload, "frame:request");
      if (!request.ok) {
        ack(request);
        return;
      }
      const { roomId, recipe, audience } = request.value;
      ack(mayRender(roomId) ?? hub.request(recipe, { socketId: socket.id, roomId }, audience === "room"));
    });

    socket.on(EVENTS.framesPrefetch, (payload, ack) => {
      if (typeof ack !== "function") return;
      const request = validate(framesPrefetchSchema, payload, "frames:prefetch");
      if (!request.ok) {
        ack(request);
        return;
      }
      const { roomId, recipes } = request.value;
      ack(mayRender(roomId) ?? hub.prefetch(recipes, { socketId: socket.id, roomId }));
    });

    // The room's model decides; the asker names only the snapshot and the latent to nudge.
    socket.on(EVENTS.directionsLoad, async (payload, ack) => {
      if (typeof ack !== "function") return;
      const request = validate(directionsLoadSchema, payload, "directions:load");
      if (!request.ok) return ack(request);
      if (!can(grant.role, "edit")) return ack(failure("FORBIDDEN", `a ${grant.role} cannot change keyframes, so has no use for directions`));
      if (!socket.rooms.has(request.value.roomId)) return ack(failure("NOT_IN_ROOM", "join the room with room:join before asking for directions"));
      try {
        const room = await rooms.getFor(grant.roomId, grant.user.id);
        if (!room) return ack(failure("ACCESS_REVOKED", "you are no longer a member of this room"));
        const model = roster.models().find((m) => m.id === room.model);
        if (!model) return ack(failure("NO_WORKER", `no connected worker has this room's model, ${room.model}`));
        ack({ ok: true, ...(await directions.load(model, request.value.snapshot, request.value.latent)) });
      } catch (error) {
        ack(failure("RENDER_FAILED", error instanceof Error ? error.message : String(error)));
      }
    });
  });
}
