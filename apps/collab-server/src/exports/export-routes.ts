import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import { EXPORT_MIME_TYPES, type ExportList, type Mp4Encoder } from "@umbra/protocol";
import type { Identify } from "../auth/request-identity.js";
import { HttpError, sendJson } from "../http/json-http.js";
import type { Router } from "../http/router.js";
import { roomAllowing } from "../rooms/room-routes.js";
import type { RoomStore } from "../rooms/room-store.js";
import { parseByteRange } from "./byte-range.js";
import { attachmentHeader } from "./export-file-name.js";
import type { ExportFiles } from "./export-files.js";
import type { ExportStore } from "./export-store.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ExportRouteDeps {
  rooms: RoomStore;
  store: ExportStore;
  files: ExportFiles;
  identify: Identify;
  mp4: Mp4Encoder;
}

/** Exports over HTTP: the room's list, and finished files with range support (everyone in the room). */
export function addExportRoutes(router: Router, { rooms, store, files, identify, mp4 }: ExportRouteDeps): void {
  router.add("GET", "/api/rooms/:id/exports", async (req, res, { id }) => {
    const { room } = await roomAllowing(rooms, identify, req, id!, "render");
    sendJson(res, 200, { exports: await store.list(room.id), mp4Encoder: mp4 } satisfies ExportList);
  });

  router.add("GET", "/api/rooms/:id/exports/:exportId/file", async (req, res, { id, exportId }) => {
    const { room } = await roomAllowing(rooms, identify, req, id!, "render");
    const job = UUID.test(exportId!) ? await store.get(room.id, exportId!) : null;
    if (!job) throw new HttpError(404, "NOT_FOUND", "no such export in this room");
    if (job.status !== "done") throw new HttpError(409, "CONFLICT", `this export is ${job.status}${job.status === "running" ? ` (${job.framesDone} of ${job.frames} frames)` : ""}; only a finished export can be downloaded`);
    const path = files.path(job.id);
    const size = await stat(path).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) throw new HttpError(410, "NOT_FOUND", "this export's file is gone from the export folder");
    const range = parseByteRange(req.headers.range, size);
    const headers = {
      "content-type": EXPORT_MIME_TYPES[job.settings.format],
      "content-disposition": attachmentHeader(job.fileName),
      "accept-ranges": "bytes",
      "cache-control": "private, no-cache",
      "x-content-type-options": "nosniff",
    };
    if (range === "unsatisfiable") {
      res.writeHead(416, { ...headers, "content-range": `bytes */${size}`, "content-length": 0 });
      res.end();
      return;
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    res.writeHead(range ? 206 : 200, {
      ...headers,
      "content-length": size === 0 ? 0 : end - start + 1,
      ...(range ? { "content-range": `bytes ${start}-${end}/${size}` } : {}),
    });
    if (size === 0) {
      res.end();
      return;
    }
    await pipeline(createReadStream(path, { start, end }), res).catch((error: unknown) => {
      // A player that seeks closes the connection mid-file: normal, not a failure.
      if (res.destroyed && !res.writableFinished) return;
      throw error;
    });
  });
}
