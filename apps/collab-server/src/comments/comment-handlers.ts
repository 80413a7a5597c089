import {
  COMMENT_LIMITS,
  EVENTS,
  can,
  commentAddSchema,
  commentDeleteSchema,
  commentEditSchema,
  drawingChangeSchema,
  failure,
  reactionToggleSchema,
  threadCreateSchema,
  threadReadSchema,
  threadResolveSchema,
  threadsBulkSchema,
  threadsSearchSchema,
  threadsFetchSchema,
  threadsLoadSchema,
  type Author,
  type Thread,
} from "@umbra/protocol";
import type { RealtimeGrant } from "../access/realtime-token.js";
import type { WriteBudget } from "../limits/write-budget.js";
import { roomEventHandler, type RoomEventAnswer, type RoomNamespace, type RoomSocket } from "../rooms/room-event.js";
import { CommentRefusal } from "./comment-errors.js";
import type { CommentStore } from "./comment-store.js";


export interface CommentHandlerDeps {
  store: CommentStore;
  /** Note changes per person and room, whichever connection they come by (see NoteLimits.writesPerMinute). */
  budget: WriteBudget;
  writesPerMinute: number;
  /** Local mode: each browser names itself, so a note carries the name it sent. */
  open: boolean;
  log: (line: string) => void;
}

/**
 * Review threads over the room's socket: every change is checked (schema, role,
 * authorship, limits), committed, answered, then sent to the rest of the room.
 * Commenters and above write; everyone in the room reads.
 */
export function serveComments(nsp: RoomNamespace, { store, budget, writesPerMinute, open, log }: CommentHandlerDeps): void {
  nsp.on("connection", (socket: RoomSocket) => {
    const { grant } = socket.data as { grant: RealtimeGrant };
    const roomId = grant.roomId;
    const isOwner = grant.role === "owner";
    const author = (as?: { name: string; color: string }): Author => ({
      id: grant.user.id,
      name: open && as ? as.name : grant.user.displayName,
      color: open && as ? as.color : grant.user.color,
    });

    // Reading needs only the token (it names the room); writing needs room:join first.
    const handle = roomEventHandler({
      area: "comments",
      log,
      mayChange: async () => {
        if (!socket.rooms.has(roomId)) return failure("NOT_IN_ROOM", "join the room with room:join first");
        if (!can(grant.role, "comment")) return failure("FORBIDDEN", `a ${grant.role} can read notes but not write them`);
        if (!(await budget.take(`${roomId}:${grant.user.id}`))) {
          return failure("RATE_LIMITED", `you have made ${writesPerMinute} note changes in this room in the last minute, the most anyone may; wait a minute and try again`);
        }
        return null;
      },
      refusal: (error) => (error instanceof CommentRefusal ? failure(error.code, error.message) : null),
    });
    /** The thread changed: the one who changed it has it in the answer, everyone else hears it. */
    const changed = (thread: Thread): RoomEventAnswer => {
      socket.to(roomId).emit(EVENTS.threadUpdated, thread);
      return { ok: true, thread };
    };
    const mentioned = (ids: string[]) => store.members(roomId, ids);

    socket.on(
      EVENTS.threadsLoad,
      handle(EVENTS.threadsLoad, threadsLoadSchema, false, async ({ as, since }) => {
        const reader = { userId: grant.user.id, localName: open ? author(as).name : null };
        return { ok: true, pack: await store.summaries(roomId, reader, since === undefined ? null : new Date(since)) };
      }),
    );
    socket.on(
      EVENTS.threadsFetch,
      handle(EVENTS.threadsFetch, threadsFetchSchema, false, async ({ ids }) => ({ ok: true, threads: await store.fetch(roomId, ids) })),
    );
    socket.on(
      EVENTS.threadsSearch,
      handle(EVENTS.threadsSearch, threadsSearchSchema, false, async ({ text }) => ({ ok: true, ...(await store.search(roomId, text, COMMENT_LIMITS.searchThreads)) })),
    );
    socket.on(
      EVENTS.threadsBulk,
      handle(EVENTS.threadsBulk, threadsBulkSchema, true, async (bulk) => {
        if (!isOwner) throw new CommentRefusal("FORBIDDEN", "only the room's owner resolves or deletes many notes at once");
        const count = await store.bulk(roomId, bulk, author());
        // Everyone (the owner's other tabs too) asks for what changed since: a few ids, not thousands of threads.
        if (count > 0) nsp.to(roomId).emit(EVENTS.threadsChanged);
        return { ok: true, count };
      }),
    );
    socket.on(
      EVENTS.threadCreate,
      handle(EVENTS.threadCreate, threadCreateSchema, true, async (note) => {
        if (note.rangeEnd && note.rangeEnd.chainId !== note.anchor.chainId) throw new CommentRefusal("FORBIDDEN", "a range starts and ends on the same chain");
        return changed(await store.create(roomId, author(note.as), { ...note, mentions: await mentioned(note.mentions) }));
      }),
    );
    socket.on(
      EVENTS.commentAdd,
      handle(EVENTS.commentAdd, commentAddSchema, true, async (reply) => changed(await store.reply(roomId, reply.threadId, author(reply.as), reply.body, await mentioned(reply.mentions)))),
    );
    socket.on(
      EVENTS.commentEdit,
      handle(EVENTS.commentEdit, commentEditSchema, true, async (edit) => changed(await store.edit(roomId, edit.commentId, grant.user.id, edit.body, await mentioned(edit.mentions)))),
    );
    socket.on(
      EVENTS.commentDelete,
      handle(EVENTS.commentDelete, commentDeleteSchema, true, async ({ commentId }) => changed(await store.delete(roomId, commentId, grant.user.id, isOwner))),
    );
    socket.on(
      EVENTS.threadResolve,
      handle(EVENTS.threadResolve, threadResolveSchema, true, async ({ threadId, resolved, as }) => changed(await store.setResolved(roomId, threadId, author(as), resolved))),
    );
    socket.on(
      EVENTS.reactionToggle,
      handle(EVENTS.reactionToggle, reactionToggleSchema, true, async ({ commentId, emoji }) => changed(await store.toggleReaction(roomId, commentId, grant.user.id, emoji))),
    );
    socket.on(
      EVENTS.drawingChange,
      handle(EVENTS.drawingChange, drawingChangeSchema, true, async (change) => {
        if (change.op === "put") await store.putDrawing(roomId, change.threadId, grant.user.id, change.object);
        else await store.deleteDrawing(roomId, change.threadId, change.objectId, grant.user.id, isOwner);
        socket.to(roomId).emit(EVENTS.drawingChanged, change);
        return { ok: true };
      }),
    );
    socket.on(
      EVENTS.threadRead,
      handle(EVENTS.threadRead, threadReadSchema, false, async ({ threadId }) => {
        await store.markRead(roomId, threadId, grant.user.id);
        return { ok: true };
      }),
    );
  });
}
