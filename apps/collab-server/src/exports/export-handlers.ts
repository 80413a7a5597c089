import {
  EVENTS,
  can,
  exportCancelSchema,
  exportStartSchema,
  exportsLoadSchema,
  failure,
  type Mp4Encoder,
} from "@umbra/protocol";
import type { RealtimeGrant } from "../access/realtime-token.js";
import { roomEventHandler, type RoomNamespace, type RoomSocket } from "../rooms/room-event.js";
import type { RoomStore } from "../rooms/room-store.js";
import type { ExportService } from "./export-service.js";
import type { ExportStore } from "./export-store.js";
import { ExportRefusal } from "./frame-encoder.js";


export interface ExportHandlerDeps {
  service: ExportService;
  store: ExportStore;
  rooms: RoomStore;
  mp4: Mp4Encoder;
  /** Local mode: each browser names itself, so an export carries the name it sent. */
  open: boolean;
  log: (line: string) => void;
}

/**
 * Exports over the room's socket: everyone in the room sees the list and its
 * progress (export:updated); editors and the owner start and cancel.
 */
export function serveExports(nsp: RoomNamespace, { service, store, rooms, mp4, open, log }: ExportHandlerDeps): void {
  nsp.on("connection", (socket: RoomSocket) => {
    const { grant } = socket.data as { grant: RealtimeGrant };
    const roomId = grant.roomId;

    const handle = roomEventHandler({
      area: "exports",
      log,
      mayChange: () => {
        if (!socket.rooms.has(roomId)) return failure("NOT_IN_ROOM", "join the room with room:join first");
        if (!can(grant.role, "export")) return failure("FORBIDDEN", `a ${grant.role} can download exports but not start or cancel them`);
        return null;
      },
      refusal: (error) => (error instanceof ExportRefusal ? failure("CONFLICT", error.message) : null),
    });

    socket.on(EVENTS.exportsLoad, handle(EVENTS.exportsLoad, exportsLoadSchema, false, async () => ({ ok: true, exports: await store.list(roomId), mp4Encoder: mp4 })));
    socket.on(
      EVENTS.exportStart,
      handle(EVENTS.exportStart, exportStartSchema, true, async ({ settings, as }) => {
        const room = await rooms.getFor(roomId, grant.user.id);
        if (!room) throw new ExportRefusal("you are no longer a member of this room");
        const by = { id: grant.user.id, name: open && as ? as.name : grant.user.displayName };
        return { ok: true, export: await service.start(roomId, room.model, by, settings) };
      }),
    );
    socket.on(
      EVENTS.exportCancel,
      handle(EVENTS.exportCancel, exportCancelSchema, true, async ({ exportId }) => ({ ok: true, export: await service.cancel(roomId, exportId) })),
    );
  });
}
