import type * as Y from "yjs";
import type { RoomVersion, VersionKind, VersionPerson } from "@umbra/protocol";
import type { VersionSettings } from "../config.js";
import type { VersionPacker } from "./version-packer.js";
import type { VersionStore } from "./version-store.js";

/** Edits of a room since its last version, as this server saw them. */
interface Pending {
  contributors: Map<string, VersionPerson>;
  /** The first and the last edit since the last version. */
  firstAt: number;
  lastAt: number;
  pause: NodeJS.Timeout | null;
}

export interface VersionKeeperDeps {
  store: VersionStore;
  /** Where versions are made from: each room is followed there from its first edit (or version) on. */
  packer: VersionPacker;
  settings: Pick<VersionSettings, "pauseMs" | "everyMs">;
  /** Reads the room's live document (loading it when nobody has it open), holding it until `read` is done. */
  readRoom: <T>(roomId: string, read: (doc: Y.Doc) => T | Promise<T>) => Promise<T>;
  /** Tells the room a version was kept. */
  announce: (roomId: string, version: RoomVersion) => void;
  log: (line: string) => void;
}

/**
 * Keeps versions of rooms: automatically after a pause in editing (after at least one
 * edit) and at least every so often while editing goes on, and when asked (named,
 * before a restore or an import). Each records who edited since the version before.
 */
export class VersionKeeper {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly deps: VersionKeeperDeps) {}

  /** Someone edited the room's live document through this server. */
  edited(roomId: string, by: VersionPerson, doc: Y.Doc): void {
    // Followed from the first edit, so that the packer's copy is ready (and its thread warm) by the first version.
    // This runs inside the relay's handling of the edit: a failure here is logged, and the version follows the room again.
    try {
      this.deps.packer.follow(roomId, doc);
    } catch (error) {
      this.deps.log(`versions: could not follow room ${roomId} for its versions: ${error instanceof Error ? error.message : String(error)}`);
    }
    const now = Date.now();
    let pending = this.pending.get(roomId);
    if (!pending) {
      pending = { contributors: new Map(), firstAt: now, lastAt: now, pause: null };
      this.pending.set(roomId, pending);
    }
    pending.contributors.set(`${by.id}\n${by.name}`, by);
    pending.lastAt = now;
    if (pending.pause) clearTimeout(pending.pause);
    if (now - pending.firstAt >= this.deps.settings.everyMs) {
      pending.pause = null;
      this.keepAutomatic(roomId);
      return;
    }
    pending.pause = setTimeout(() => this.keepAutomatic(roomId), this.deps.settings.pauseMs);
    // A pending version must not keep a stopping server alive.
    pending.pause.unref();
  }

  /** Keeps the room as it is now; the edits pending for it are this version's. */
  keep(roomId: string, version: { kind: VersionKind; name?: string | null; note?: string | null; savedBy?: VersionPerson | null }): Promise<RoomVersion> {
    return this.save(roomId, version, this.takePending(roomId));
  }

  private async save(roomId: string, version: { kind: VersionKind; name?: string | null; note?: string | null; savedBy?: VersionPerson | null }, contributors: VersionPerson[]): Promise<RoomVersion> {
    // The room stays loaded, and followed by the packer, until the version is stored.
    const kept = await this.deps.readRoom(roomId, (doc) => {
      this.deps.packer.follow(roomId, doc);
      return this.deps.store.save(roomId, { kind: version.kind, name: version.name ?? null, note: version.note ?? null, savedBy: version.savedBy ?? null, contributors });
    });
    this.deps.announce(roomId, kept);
    return kept;
  }

  /** Stops the timers; edits not yet kept stay in the room's document, and the next edit starts a new version. */
  close(): void {
    for (const pending of this.pending.values()) if (pending.pause) clearTimeout(pending.pause);
    this.pending.clear();
  }

  private takePending(roomId: string): VersionPerson[] {
    const pending = this.pending.get(roomId);
    if (!pending) return [];
    if (pending.pause) clearTimeout(pending.pause);
    this.pending.delete(roomId);
    return [...pending.contributors.values()];
  }

  private keepAutomatic(roomId: string): void {
    const pending = this.pending.get(roomId);
    if (!pending) return;
    // Taken at once: edits arriving while this version is kept start the next one.
    const contributors = this.takePending(roomId);
    void (async () => {
      // Another server holding the room may have kept a version since these edits: they are in it, so their editors join it.
      // A version counts only if its state was taken strictly after the last edit (createdAt is when it was taken): one in the
      // same millisecond may have missed it, and a version too many is better than an edit in none.
      const newest = await this.deps.store.newest(roomId);
      if (newest && newest.createdAt.getTime() > pending.lastAt) return this.deps.store.addContributors(roomId, newest.id, contributors);
      await this.save(roomId, { kind: "auto" }, contributors);
    })().catch((error: unknown) => this.deps.log(`versions: could not keep an automatic version of room ${roomId}: ${error instanceof Error ? error.message : String(error)}`));
  }
}
