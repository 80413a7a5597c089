import { fileURLToPath } from "node:url";
import * as Y from "yjs";
import type { VersionSummary } from "@umbra/protocol";
import { TaskThread } from "../threads/task-thread.js";

// The thread runs compiled JavaScript: from src/versions (tests) and dist/versions alike, ../../dist is the build.
const THREAD_JS = fileURLToPath(new URL("../../dist/versions/version-thread.js", import.meta.url));

export type VersionThreadRequest =
  | { kind: "follow"; roomId: string; state: Uint8Array }
  | { kind: "updates"; roomId: string; updates: Uint8Array[] }
  | { kind: "unfollow"; roomId: string }
  /** `before`: the version to compare with, gzipped as stored; "last" for the one last packed there; null for none. */
  | { kind: "pack"; roomId: string; before: Uint8Array | "last" | null };

export interface PackedVersion {
  summary: VersionSummary;
  /** The state, gzipped as stored. */
  packed: Uint8Array;
}

/**
 * Updates go to the copy in batches, a second's worth (or BATCH_BYTES) at a time and all
 * before a version: one message and one wake-up of the thread for many, so the relay's work
 * is an array push per update, and a version's wait for its copy at most a second of edits.
 */
const BATCH_MS = 1000;
const BATCH_BYTES = 256 * 1024;

interface Followed {
  doc: Y.Doc;
  /** The thread that holds its copy. */
  generation: number;
  /** Updates not yet handed on, and their bytes. */
  batch: Uint8Array[];
  batchBytes: number;
  timer: NodeJS.Timeout | null;
  stop: () => void;
  /** The stored version last packed from it, when it is still the one to compare with. */
  lastKept: string | null;
}

/**
 * Makes versions of rooms on a thread of its own, so that keeping one never stalls the
 * Yjs relay. The thread keeps a copy of each room it follows, sent every update the live
 * document gets, in batches (BATCH_MS): the relay's only work is collecting them. A room
 * is followed from its first edit (or version) until its live document is unloaded, and
 * again if the thread restarts. A copy costs about 5 MB for 20 chains × 50 keyframes, the
 * thread about 25 MB.
 */
export class VersionPacker {
  private readonly thread: TaskThread<VersionThreadRequest, PackedVersion | null>;
  private readonly followed = new Map<string, Followed>();

  constructor(log: (line: string) => void) {
    this.thread = new TaskThread(THREAD_JS, "version packer", log);
  }

  /** Makes sure the thread holds the room's live document, following it from now on (one encoding, once per load). */
  follow(roomId: string, doc: Y.Doc): void {
    const known = this.followed.get(roomId);
    if (known?.doc === doc && known.generation === this.thread.generation) return;
    known?.stop();
    this.thread.send({ kind: "follow", roomId, state: Y.encodeStateAsUpdate(doc) });
    const room: Followed = { doc, generation: this.thread.generation, batch: [], batchBytes: 0, timer: null, stop: () => {}, lastKept: null };
    const onUpdate = (update: Uint8Array) => {
      // A thread that died lost its copy: the room is followed again at its next version.
      if (this.thread.generation !== room.generation) return this.unfollow(roomId);
      room.batch.push(update);
      room.batchBytes += update.byteLength;
      if (room.batchBytes >= BATCH_BYTES) this.handOn(roomId, room);
      else if (!room.timer) {
        room.timer = setTimeout(() => this.handOn(roomId, room), BATCH_MS);
        // Waiting updates must not keep a stopping server alive.
        room.timer.unref();
      }
    };
    const onDestroy = () => this.unfollow(roomId);
    doc.on("update", onUpdate);
    doc.on("destroy", onDestroy);
    room.stop = () => {
      doc.off("update", onUpdate);
      doc.off("destroy", onDestroy);
      if (room.timer) clearTimeout(room.timer);
    };
    this.followed.set(roomId, room);
  }

  /** Sends the room's waiting updates to its copy. */
  private handOn(roomId: string, room: Followed): void {
    if (room.timer) clearTimeout(room.timer);
    room.timer = null;
    if (this.thread.generation !== room.generation) return this.unfollow(roomId);
    if (room.batch.length === 0) return;
    this.thread.send({ kind: "updates", roomId, updates: room.batch });
    room.batch = [];
    room.batchBytes = 0;
  }

  /**
   * Packs the room as it is now (`takenAt`), with every update followed so far,
   * compared with the stored version `newest` (null when the room has none). `readStored`
   * gives that version's stored bytes when the thread did not pack it itself.
   */
  async pack(roomId: string, newest: string | null, readStored: (id: string) => Promise<Uint8Array | null>): Promise<PackedVersion & { takenAt: Date }> {
    const room = this.followed.get(roomId);
    if (!room) throw new Error(`room ${roomId} is not followed: follow it before packing`);
    const lastKept = room.lastKept;
    // Until kept() says this one was stored, the thread's last packed version is no stored one.
    room.lastKept = null;
    // The version holds every edit collected until now, and none after: it is the room as of takenAt.
    const takenAt = new Date();
    this.handOn(roomId, room);
    const before = newest === null ? null : newest === lastKept && room.generation === this.thread.generation ? "last" : await readStored(newest);
    const packed = await this.thread.run({ kind: "pack", roomId, before });
    if (!packed) throw new Error("the version packer answered a pack with nothing");
    return { ...packed, takenAt };
  }

  /** The version last packed for the room was stored as `id`. */
  kept(roomId: string, id: string): void {
    const room = this.followed.get(roomId);
    if (room) room.lastKept = id;
  }

  async close(): Promise<void> {
    for (const room of this.followed.values()) room.stop();
    this.followed.clear();
    await this.thread.close();
  }

  private unfollow(roomId: string): void {
    const room = this.followed.get(roomId);
    if (!room) return;
    room.stop();
    this.followed.delete(roomId);
    if (room.generation !== this.thread.generation) return;
    // With no room left to follow, the thread goes (about 25 MB), and the next version starts one.
    if (this.followed.size === 0) void this.thread.close();
    else this.thread.send({ kind: "unfollow", roomId });
  }
}
