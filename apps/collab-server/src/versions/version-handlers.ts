import {
  EVENTS,
  can,
  failure,
  versionDeleteSchema,
  versionRestoreSchema,
  versionSaveSchema,
  versionStateSchema,
  versionsLoadSchema,
  type VersionPerson,
} from "@umbra/protocol";
import type { RealtimeGrant } from "../access/realtime-token.js";
import type { WriteBudget } from "../limits/write-budget.js";
import { roomEventHandler, type RoomNamespace, type RoomSocket } from "../rooms/room-event.js";
import type { VersionKeeper } from "./version-keeper.js";
import { VersionRefusal, type VersionStore } from "./version-store.js";


export interface VersionHandlerDeps {
  store: VersionStore;
  keeper: VersionKeeper;
  /** Versions one person keeps in a room per minute: each holds the whole document. */
  budget: WriteBudget;
  savesPerMinute: number;
  /** Local mode: each browser names itself, so a version carries the name it sent. */
  open: boolean;
  log: (line: string) => void;
}

/** When a version is shown by its time rather than a name. */
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * A room's History over its socket: everyone in the room lists, previews and compares
 * versions; editors save and restore; the owner deletes named versions. Every kept or
 * deleted version is told to the whole room (versions:changed).
 */
export function serveVersions(nsp: RoomNamespace, { store, keeper, budget, savesPerMinute, open, log }: VersionHandlerDeps): void {
  nsp.on("connection", (socket: RoomSocket) => {
    const { grant } = socket.data as { grant: RealtimeGrant };
    const roomId = grant.roomId;
    const person = (as?: { name: string }): VersionPerson => ({ id: grant.user.id, name: open && as ? as.name : grant.user.displayName });
    const handle = roomEventHandler({
      area: "versions",
      log,
      mayChange: async () => {
        if (!socket.rooms.has(roomId)) return failure("NOT_IN_ROOM", "join the room with room:join first");
        if (!can(grant.role, "edit")) return failure("FORBIDDEN", `a ${grant.role} can look at versions but not save or restore them`);
        if (!(await budget.take(`${roomId}:${grant.user.id}`))) {
          return failure("RATE_LIMITED", `you have kept ${savesPerMinute} versions of this room in the last minute, the most anyone may; wait a minute and try again`);
        }
        return null;
      },
      refusal: (error) => (error instanceof VersionRefusal ? failure(error.code, error.message) : null),
    });

    socket.on(EVENTS.versionsLoad, handle(EVENTS.versionsLoad, versionsLoadSchema, false, async (query) => ({ ok: true, ...(await store.list(roomId, query)) })));
    socket.on(EVENTS.versionState, handle(EVENTS.versionState, versionStateSchema, false, async ({ id }) => ({ ok: true, state: await store.state(roomId, id) })));
    socket.on(
      EVENTS.versionSave,
      handle(EVENTS.versionSave, versionSaveSchema, true, async (save) => ({
        ok: true,
        version: await keeper.keep(roomId, { kind: save.kind, name: save.name, note: save.kind === "named" ? (save.note ?? null) : null, savedBy: person(save.as) }),
      })),
    );
    // The room as it is now is kept first; the restorer's studio then makes the room what the version was, as its own edit (one undo step).
    socket.on(
      EVENTS.versionRestore,
      handle(EVENTS.versionRestore, versionRestoreSchema, true, async ({ id, as }) => {
        const target = await store.version(roomId, id);
        const name = `Before restoring ${target.name ? `“${target.name}”` : `the version of ${when(target.createdAt)}`}`;
        return { ok: true, version: await keeper.keep(roomId, { kind: "before-restore", name: name.slice(0, 80), savedBy: person(as) }) };
      }),
    );
    socket.on(
      EVENTS.versionDelete,
      handle(EVENTS.versionDelete, versionDeleteSchema, true, async ({ id }) => {
        if (grant.role !== "owner") throw new VersionRefusal("FORBIDDEN", "only the room's owner deletes named versions");
        await store.deleteNamed(roomId, id);
        nsp.to(roomId).emit(EVENTS.versionsChanged, { deleted: id });
        return { ok: true };
      }),
    );
  });
}
