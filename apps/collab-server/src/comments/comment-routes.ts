import type * as Y from "yjs";
import { RoomDoc } from "@umbra/doc";
import { notesQuerySchema, threadSummariesQuerySchema, threadsQuerySchema, validate, type NoteUsage, type ThreadList } from "@umbra/protocol";
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
  /** Local mode: each browser names itself, and "your" notes are by that name. */
  open: boolean;
  /** The room's live document, read without keeping it. */
  readRoom: <T>(roomId: string, read: (doc: Y.Doc) => T) => Promise<T>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

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
export function addCommentRoutes(router: Router, { rooms, comments, identify, open, readRoom }: CommentRouteDeps): void {
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

  // Every thread's summary, as threads:load answers it: the room page has the browser
  // fetch it while the studio's code loads, before its socket has connected.
  router.add("GET", "/api/rooms/:id/threads/summaries", async (req, res, { id }) => {
    const { user, room } = await roomAllowing(rooms, identify, req, id!, "render");
    const { as, max } = query(req, threadSummariesQuerySchema, "summaries query");
    if (max !== undefined && (await comments.threadCount(room.id)) > max) {
      res.writeHead(204, { "cache-control": "no-store" });
      return void res.end();
    }
    const packed = await comments.summaries(room.id, { userId: user.id, localName: open ? (as ?? user.displayName) : null });
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": packed.byteLength, "cache-control": "no-store", "x-content-type-options": "nosniff" });
    res.end(packed);
  });

  // A note's thumbnail, by the hash of its bytes: the same hash is always the same
  // bytes, so a browser keeps it for good. Only for rooms that show it.
  router.add("GET", "/api/rooms/:id/thumbnails/:hash", async (req, res, { id, hash }) => {
    const { room } = await roomAllowing(rooms, identify, req, id!, "render");
    const bytes = SHA256_HEX.test(hash!) ? await comments.thumbnails.bytesFor(room.id, hash!) : null;
    if (!bytes) throw new HttpError(404, "NOT_FOUND", "no such thumbnail in this room");
    const etag = `"${hash}"`;
    const cached = { etag, "cache-control": "private, max-age=31536000, immutable", "x-content-type-options": "nosniff" };
    if (req.headers["if-none-match"] === etag) {
      res.writeHead(304, cached);
      return void res.end();
    }
    res.writeHead(200, { ...cached, "content-type": "image/jpeg", "content-length": bytes.byteLength });
    res.end(bytes);
  });

  router.add("GET", "/api/rooms/:id/notes/usage", async (req, res, { id }) => {
    const { room } = await roomAllowing(rooms, identify, req, id!, "manage");
    sendJson(res, 200, (await comments.caps.usage(room.id)) satisfies NoteUsage);
  });

  router.add("GET", "/api/rooms/:id/notes", async (req, res, { id }) => {
    const { room } = await roomAllowing(rooms, identify, req, id!, "render");
    const { format } = query(req, notesQuerySchema, "notes export");
    // Where each note sits now, edits not yet stored included.
    const [threads, thumbnails] = await Promise.all([comments.list(room.id), format === "html" ? comments.thumbnails.dataUrls(room.id) : new Map<string, string>()]);
    const notes = await readRoom(room.id, (doc) => {
      const roomDoc = new RoomDoc(doc);
      return placeNotes(threads, roomDoc.chains(), roomDoc.roomTruncation(), roomDoc.frameNumbering());
    });
    const name = room.name.replace(/[^\w.-]+/g, "_").slice(0, 60) || "room";
    if (format === "csv") sendText(res, "text/csv", `${name}-notes.csv`, notesCsv(notes));
    else sendText(res, "text/html", `${name}-notes.html`, notesHtml(room.name, notes, thumbnails));
  });
}
