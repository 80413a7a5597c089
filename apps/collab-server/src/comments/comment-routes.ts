import type * as Y from "yjs";
import { RoomDoc } from "@umbra/doc";
import { notesQuerySchema, threadsQuerySchema, validate, type ThreadList } from "@umbra/protocol";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Identify } from "../auth/request-identity.js";
import { HttpError, sendJson } from "../http/json-http.js";
import type { Router } from "../http/router.js";
import { roomAllowing } from "../rooms/room-routes.js";
import type { RoomStore } from "../rooms/room-store.js";
import type { CommentStore } from "./comment-store.js";
import { notesCsv, notesHtml, placeNotes } from "./notes-export.js";

export interface CommentRouteDeps {
  rooms: RoomStore;
  comments: CommentStore;
  identify: Identify;
  /** The room's live document, read without keeping it. */
  readRoom: <T>(roomId: string, read: (doc: Y.Doc) => T) => Promise<T>;
}

function query<S extends Parameters<typeof validate>[0]>(req: IncomingMessage, schema: S, what: string) {
  const params = Object.fromEntries(new URL(req.url ?? "/", "http://local").searchParams);
  const parsed = validate(schema, params, what);
  if (!parsed.ok) throw new HttpError(400, parsed.error.code, parsed.error.message, undefined, parsed.error.issues);
  return parsed.value;
}

function sendText(res: ServerResponse, type: string, filename: string, text: string): void {
  res.writeHead(200, {
    "content-type": `${type}; charset=utf-8`,
    "content-length": Buffer.byteLength(text),
    "content-disposition": `inline; filename="${filename}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    // The printable page shows its own text and data-URL thumbnails, and runs nothing.
    "content-security-policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'",
  });
  res.end(text);
}

/** Review threads over HTTP: the filtered list, and the notes as a CSV or a printable page (viewers and up). */
export function addCommentRoutes(router: Router, { rooms, comments, identify, readRoom }: CommentRouteDeps): void {
  router.add("GET", "/api/rooms/:id/threads", async (req, res, { id }) => {
    const { user, room } = await roomAllowing(rooms, identify, req, id!, "render");
    const filter = query(req, threadsQuerySchema, "thread filter");
    const threads = (await comments.list(room.id)).filter(
      (t) =>
        (!filter.status || t.status === filter.status) &&
        (!filter.chain || t.anchor.chainId === filter.chain) &&
        (!filter.author || t.author.id === filter.author) &&
        (!filter.mentions || t.comments.some((c) => c.mentions.includes(user.id))),
    );
    sendJson(res, 200, { threads } satisfies ThreadList);
  });

  router.add("GET", "/api/rooms/:id/notes", async (req, res, { id }) => {
    const { room } = await roomAllowing(rooms, identify, req, id!, "render");
    const { format } = query(req, notesQuerySchema, "notes export");
    // Where each note sits now, edits not yet stored included.
    const threads = await comments.list(room.id);
    const notes = await readRoom(room.id, (doc) => {
      const roomDoc = new RoomDoc(doc);
      return placeNotes(threads, roomDoc.chains(), roomDoc.roomTruncation(), roomDoc.frameNumbering());
    });
    const name = room.name.replace(/[^\w.-]+/g, "_").slice(0, 60) || "room";
    if (format === "csv") sendText(res, "text/csv", `${name}-notes.csv`, notesCsv(notes));
    else sendText(res, "text/html", `${name}-notes.html`, notesHtml(room.name, notes));
  });
}
