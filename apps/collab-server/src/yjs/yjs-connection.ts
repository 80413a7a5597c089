import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { applyAwarenessUpdate } from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import type { WebSocket } from "ws";
import { describeProblem, type DocProblem } from "@umbra/doc";
import { YJS_CLOSE_CODES, can, presenceStateSchema, type VersionPerson } from "@umbra/protocol";
import type { RealtimeGrant } from "../access/realtime-token.js";
import type { RealtimeLimits } from "../config.js";
import { TokenBucket } from "../limits/token-bucket.js";
import { closeReason } from "./close-reason.js";
import { isUnsetPresence, presenceProblem, readAwarenessUpdate } from "./presence-check.js";
import { MESSAGE, awarenessMessage, type DocumentPeer, type RoomDocument } from "./room-document.js";

/**
 * One y-websocket client on a room document. Editors' document updates are
 * applied; viewers' and commenters' are dropped (read-only), while everyone's
 * awareness (cursors, playheads) flows once checked.
 */
export class YjsConnection implements DocumentPeer {
  private readonly bucket: TokenBucket;
  readonly readOnly: boolean;
  /** Presence updates refused on this connection: the first is logged, the rest counted. */
  private refusedPresence = 0;
  /** Set once a document update was refused: the connection is closing, and nothing more from it is read. */
  private refused = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly room: RoomDocument,
    private readonly grant: RealtimeGrant,
    private readonly limits: RealtimeLimits,
    /** Local mode: every browser is the local user and names itself. */
    private readonly browsersNameThemselves: boolean,
    private readonly log: (line: string) => void,
  ) {
    this.readOnly = !can(grant.role, "edit");
    this.bucket = new TokenBucket(limits.messagesPerSecond, limits.messagesPerSecond * 2);
    room.add(this);
    ws.on("message", (data: Buffer, isBinary: boolean) => this.receive(data, isBinary));
    ws.on("close", () => {
      room.remove(this);
      if (this.refusedPresence > 1) this.log(`yjs: dropped ${this.refusedPresence} presence updates in all from ${this.grant.user.login} in ${this.room.roomId}`);
    });
    this.greet();
  }

  /** Who edits through this connection, for History: in local mode by the name its browser shows. */
  editor(): VersionPerson {
    const shown = this.room.presenceOf(this).flatMap((state) => {
      const parsed = presenceStateSchema.safeParse(state);
      return parsed.success ? [parsed.data.user.name] : [];
    });
    return { id: this.grant.user.id, name: (this.browsersNameThemselves ? shown[0] : undefined) ?? this.grant.user.displayName };
  }

  send(message: Uint8Array): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(message);
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  /** Opens the sync handshake and shows the newcomer who is already here. */
  private greet(): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE.sync);
    syncProtocol.writeSyncStep1(encoder, this.room.doc);
    this.send(encoding.toUint8Array(encoder));
    const present = [...this.room.awareness.getStates().keys()];
    if (present.length) this.send(awarenessMessage(this.room.awareness, present));
  }

  private receive(data: Buffer, isBinary: boolean): void {
    if (this.refused) return;
    if (data.length > this.limits.yjsMaxMessageBytes) {
      this.close(YJS_CLOSE_CODES.PAYLOAD_TOO_LARGE, `PAYLOAD_TOO_LARGE: over ${this.limits.yjsMaxMessageBytes} bytes`);
      return;
    }
    if (!this.bucket.take()) {
      this.close(YJS_CLOSE_CODES.RATE_LIMITED, `RATE_LIMITED: over ${this.limits.messagesPerSecond} messages/s`);
      return;
    }
    if (!isBinary) {
      this.close(YJS_CLOSE_CODES.VALIDATION_FAILED, "VALIDATION_FAILED: Yjs messages are binary");
      return;
    }
    try {
      this.handle(decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.length)));
    } catch (error) {
      // Nothing of an unreadable message was applied (updates are decoded in full first).
      this.log(`yjs: unreadable message from ${this.grant.user.login} in ${this.room.roomId}: ${error instanceof Error ? error.message : String(error)}`);
      this.close(YJS_CLOSE_CODES.VALIDATION_FAILED, "VALIDATION_FAILED: unreadable Yjs message");
    }
  }

  /** Ends the connection over an update that would break the document; the sender's studio shows the reason. */
  private refuseUpdate(problem: DocProblem): void {
    this.refused = true;
    const reason = describeProblem(problem);
    this.log(`yjs: refused an update from ${this.grant.user.login} in ${this.room.roomId}, which would break the document: ${reason}`);
    this.close(YJS_CLOSE_CODES.VALIDATION_FAILED, closeReason(`VALIDATION_FAILED: ${reason}`));
  }

  private refusePresence(problem: string): void {
    this.refusedPresence++;
    if (this.refusedPresence === 1) {
      this.log(`yjs: dropped presence from ${this.grant.user.login} in ${this.room.roomId}: ${problem} (more from this connection are counted, and the count logged when it closes)`);
    }
  }

  private handle(decoder: decoding.Decoder): void {
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE.sync) {
      const step = decoding.readVarUint(decoder);
      if (step === syncProtocol.messageYjsSyncStep1) {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE.sync);
        syncProtocol.readSyncStep1(decoder, encoder, this.room.doc);
        this.send(encoding.toUint8Array(encoder));
      } else if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate) {
        const update = decoding.readVarUint8Array(decoder);
        if (this.readOnly) return;
        // Decode in full before applying, so a malformed update is refused whole and never stored.
        Y.decodeUpdate(update);
        const problem = this.room.applyFromPeer(update, this);
        if (problem) this.refuseUpdate(problem);
      } else {
        throw new Error(`unknown sync step ${step}`);
      }
    } else if (type === MESSAGE.awareness) {
      const update = decoding.readVarUint8Array(decoder);
      // The stock y-websocket provider sends on every awareness change it hears, other
      // people's too: an echo of a state the room already has is no claim. It also sends
      // the empty state every client starts with. Both are passed over without a word.
      const claims = readAwarenessUpdate(update).filter((entry) => !isUnsetPresence(entry.state) && !this.room.isEcho(this, entry.clientId, entry.clock));
      if (claims.length === 0) return;
      const problem = presenceProblem(claims, this.grant, (id) => this.room.ownedByOther(this, id), this.browsersNameThemselves);
      if (problem) this.refusePresence(problem);
      else applyAwarenessUpdate(this.room.awareness, update, this);
    } else if (type === MESSAGE.queryAwareness) {
      this.send(awarenessMessage(this.room.awareness, [...this.room.awareness.getStates().keys()]));
    } else {
      throw new Error(`unknown message type ${type}`);
    }
  }
}
