// A Yjs editor for the fan-out bench that speaks the y-websocket protocol itself and,
// once synced, only timestamps the updates it receives instead of applying them.
//
// Why: the bench runs every editor in one process on a two-core machine. A hundred
// stock providers each applying every update cost the harness more CPU than the
// servers, so the figure measured the harness. Each real editor has its own browser;
// what the room's latency depends on is when the update reaches it. A few stock
// editors run beside these ones and measure the time until the update is applied.
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import WebSocket from "ws";
import * as Y from "yjs";
import { YJS_TOKEN_PARAM } from "@umbra/protocol";
import { yjsServerUrl } from "../tests/support/yjs-client.js";

const MESSAGE_SYNC = 0;

/** Chain names the fan-out bench writes: "fan:<editor>:<seq>", found in an update's bytes as they are (Yjs stores strings as UTF-8). */
export const fanoutName = (editor: number, seq: number) => `fan:${editor}:${seq}`;
const MARK = Buffer.from("fan:");

/** Every (editor, seq) named in an update, read from its bytes without decoding it. */
export function namesIn(update: Uint8Array): { editor: number; seq: number }[] {
  const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  const found: { editor: number; seq: number }[] = [];
  for (let at = bytes.indexOf(MARK); at !== -1; at = bytes.indexOf(MARK, at + MARK.length)) {
    const match = /^(\d+):(\d+)/.exec(bytes.toString("latin1", at + MARK.length, at + MARK.length + 24));
    if (match) found.push({ editor: Number(match[1]), seq: Number(match[2]) });
  }
  return found;
}

export interface WireEditor {
  /** Its own document: its edits are made here and sent. It holds the room as it was at sync, plus its own edits. */
  doc: Y.Doc;
  synced: Promise<void>;
  close(): void;
}

/** Connects like a stock provider; `onUpdate` hears every document update the server sends after the first sync, unapplied. */
export function connectWireEditor(collabUrl: string, roomId: string, token: string, onUpdate: (update: Uint8Array) => void): WireEditor {
  const doc = new Y.Doc();
  const socket = new WebSocket(`${yjsServerUrl(collabUrl)}/${encodeURIComponent(roomId)}?${YJS_TOKEN_PARAM}=${encodeURIComponent(token)}`);
  socket.binaryType = "nodebuffer";
  const send = (write: (encoder: encoding.Encoder) => void) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    write(encoder);
    socket.send(encoding.toUint8Array(encoder));
  };
  let synced = false;
  const done = new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.once("close", (code, reason) => !synced && reject(new Error(`the server closed the editor's socket before sync: ${code} ${reason.toString()}`)));
    socket.on("message", (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return; // awareness: not measured
      const kind = decoding.readVarUint(decoder);
      if (kind === syncProtocol.messageYjsSyncStep1) {
        const stateVector = decoding.readVarUint8Array(decoder);
        send((encoder) => syncProtocol.writeSyncStep2(encoder, doc, stateVector));
      } else if (kind === syncProtocol.messageYjsSyncStep2 && !synced) {
        // The room as it is: applied once, so this editor's own edits build on it as a browser's would.
        Y.applyUpdate(doc, decoding.readVarUint8Array(decoder), socket);
        synced = true;
        resolve();
      } else if (kind === syncProtocol.messageYjsUpdate && synced) {
        onUpdate(decoding.readVarUint8Array(decoder));
      }
    });
  });
  socket.once("open", () => send((encoder) => syncProtocol.writeSyncStep1(encoder, doc)));
  doc.on("update", (update: Uint8Array, origin: unknown) => {
    if (origin !== socket) send((encoder) => syncProtocol.writeUpdate(encoder, update));
  });
  return {
    doc,
    synced: done,
    close: () => {
      socket.close();
      doc.destroy();
    },
  };
}
