import { addChainData, contentOfUpdate, distinctChainName, type Chain, type RoomContent, type RoomDoc } from "@umbra/doc";
import {
  EVENTS,
  versionAckSchema,
  versionDeleteAckSchema,
  versionStateAckSchema,
  versionsChangedSchema,
  versionsLoadAckSchema,
  type RoomVersion,
  type VersionSave,
} from "@umbra/protocol";
import type { RoomSocket } from "./room-connection";
import { SnapshotStore } from "./snapshot-store";

export interface VersionsQuery {
  named: boolean;
  search: string;
}

export interface VersionsState {
  /** Newest first, as the query asks. */
  versions: RoomVersion[];
  /** Older versions match too: loadMore brings them. */
  more: boolean;
  query: VersionsQuery;
  error: string | null;
}

export type VersionAnswer<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Versions' contents held at once (a comparison reads those between its two): each a whole document, read again when dropped. */
const HELD_CONTENTS = 16;

const newestFirst = (a: RoomVersion, b: RoomVersion) => b.createdAt.localeCompare(a.createdAt);

/** Whether a version matches the query, as the server's search does (roughly: the server's answer is the truth). */
function matches(version: RoomVersion, { named, search }: VersionsQuery): boolean {
  if (named && version.kind !== "named") return false;
  const text = search.trim().toLowerCase();
  if (!text) return true;
  return [version.name, version.note, version.summary.text, version.savedBy?.name, ...version.contributors.map((c) => c.name)].some((field) => field?.toLowerCase().includes(text));
}

/**
 * The room's History over its socket, without React: the list (with its filter and
 * search, kept current as versions are kept or deleted), versions' contents to
 * preview and compare, and saving and restoring. A restore keeps the room as it is
 * first (on the server), then makes the room what the version was as this person's
 * own edit, so their undo takes it back in one step.
 */
export class VersionsClient extends SnapshotStore<VersionsState> {
  private readonly contents = new Map<string, RoomContent>();
  private signedAs: { name: string; color: string } | null = null;

  constructor(private readonly socket: RoomSocket) {
    super({ versions: [], more: false, query: { named: false, search: "" }, error: null });
    socket.on(EVENTS.versionsChanged, (payload) => {
      const parsed = versionsChangedSchema.safeParse(payload);
      if (!parsed.success) return this.update({ error: "news of a version arrived in a shape this studio cannot read" });
      const { saved, deleted } = parsed.data;
      let versions = this.getSnapshot().versions.filter((v) => v.id !== saved?.id && v.id !== deleted);
      if (saved && matches(saved, this.getSnapshot().query)) versions = [saved, ...versions].sort(newestFirst);
      this.update({ versions });
    });
  }

  setSignedAs(signedAs: { name: string; color: string } | null): void {
    this.signedAs = signedAs;
  }

  /** Lists the room's versions as `query` asks (the last query when none is given); the room's connection calls it on each (re)connection. */
  load(query: VersionsQuery = this.getSnapshot().query): void {
    this.update({ query });
    void this.fetchList(query, undefined);
  }

  loadMore(): void {
    const { versions, query } = this.getSnapshot();
    const oldest = versions[versions.length - 1];
    if (oldest) void this.fetchList(query, oldest.createdAt);
  }

  /** "Save version…": the room as it is now, named. */
  readonly save = (name: string, note: string): Promise<VersionAnswer<RoomVersion>> => this.keep({ kind: "named", name, ...(note.trim() ? { note } : {}), ...this.as() });

  /** The room as it is now, kept just before an import changes it. */
  readonly keepBeforeImport = (what: string): Promise<VersionAnswer<RoomVersion>> => this.keep({ kind: "before-import", name: `Before importing ${what}`.slice(0, 80), ...this.as() });

  /** A version's chains and settings (held for the few versions looked at last). */
  async content(id: string): Promise<VersionAnswer<RoomContent>> {
    const held = this.contents.get(id);
    if (held) return { ok: true, value: held };
    const answer = await this.ask(EVENTS.versionState, { id });
    const parsed = versionStateAckSchema.safeParse(answer);
    if (!parsed.success) return { ok: false, problem: "the server sent the version in a shape this studio cannot read" };
    if (!parsed.data.ok) return { ok: false, problem: parsed.data.error.message };
    const content = contentOfUpdate(parsed.data.state);
    this.contents.set(id, content);
    // The oldest held goes first.
    for (const oldest of this.contents.keys()) {
      if (this.contents.size <= HELD_CONTENTS) break;
      this.contents.delete(oldest);
    }
    return { ok: true, value: content };
  }

  /**
   * Makes the room what the version was. The server keeps the room as it is first
   * (answered: that version); then the change is this person's edit of `room`.
   */
  async restore(id: string, room: RoomDoc): Promise<VersionAnswer<RoomVersion>> {
    const content = await this.content(id);
    if (!content.ok) return content;
    const before = await this.keep({ id, ...this.as() }, EVENTS.versionRestore);
    if (before.ok) room.restore(content.value);
    return before;
  }

  /** One chain of a version back into the room: in place of the chain as it is now (or where it was, when since deleted), or as a copy beside today's. */
  async restoreChain(id: string, chainId: string, mode: "replace" | "copy", room: RoomDoc): Promise<VersionAnswer<string>> {
    const content = await this.content(id);
    if (!content.ok) return content;
    const index = content.value.chains.findIndex((c) => c.id === chainId);
    const chain = content.value.chains[index];
    if (!chain) return { ok: false, problem: "that version has no such chain" };
    if (mode === "replace") {
      room.restoreChain(chain, index);
      return { ok: true, value: chain.id };
    }
    return { ok: true, value: addChainData(room, copyOf(chain, room)) };
  }

  /** The owner deletes a named version: null once deleted, or why not. */
  async remove(id: string): Promise<string | null> {
    const parsed = versionDeleteAckSchema.safeParse(await this.ask(EVENTS.versionDelete, { id }));
    if (!parsed.success) return "the server's answer could not be read";
    return parsed.data.ok ? null : parsed.data.error.message;
  }

  private as() {
    return this.signedAs ? { as: this.signedAs } : {};
  }

  private async keep(payload: VersionSave | { id: string }, event: typeof EVENTS.versionSave | typeof EVENTS.versionRestore = EVENTS.versionSave): Promise<VersionAnswer<RoomVersion>> {
    const parsed = versionAckSchema.safeParse(await this.ask(event, payload));
    if (!parsed.success) return { ok: false, problem: "the server's answer could not be read" };
    if (!parsed.data.ok) return { ok: false, problem: [parsed.data.error.message, ...(parsed.data.error.issues ?? []).slice(1)].join(": ") };
    return { ok: true, value: parsed.data.version };
  }

  private async fetchList(query: VersionsQuery, before: string | undefined): Promise<void> {
    const answer = await this.ask(EVENTS.versionsLoad, { ...(query.named ? { named: true } : {}), ...(query.search.trim() ? { search: query.search.trim() } : {}), ...(before ? { before } : {}) });
    // A newer query was asked meanwhile: its answer is the one to show.
    if (this.getSnapshot().query !== query) return;
    const parsed = versionsLoadAckSchema.safeParse(answer);
    if (!parsed.success) return this.update({ error: "the server sent the room's versions in a shape this studio cannot read" });
    if (!parsed.data.ok) return this.update({ error: `Could not load the versions: ${parsed.data.error.message}` });
    const versions = before ? [...this.getSnapshot().versions, ...parsed.data.versions] : parsed.data.versions;
    this.update({ versions, more: parsed.data.more, error: null });
  }

  private ask(event: string, payload: unknown): Promise<unknown> {
    if (!this.socket.connected) return Promise.resolve({ ok: false, error: { code: "INTERNAL", message: "not connected to the room" } });
    return new Promise((resolve) => (this.socket.emit as (e: string, p: unknown, ack: (answer: unknown) => void) => void)(event, payload, resolve));
  }
}

/** A version's chain as a new chain of the room: its name marked as a copy, nothing shared with today's. */
function copyOf(chain: Chain, room: RoomDoc) {
  return {
    name: distinctChainName(`${chain.name} (earlier)`, room.chains().map((c) => c.name)),
    snapshot: chain.snapshot,
    fps: chain.fps,
    keyframes: chain.keyframes.map((k) => ({ label: k.label, latent: k.latent, ...(k.mix ? { mix: k.mix } : {}) })),
    transitions: chain.transitions.map((t) => ({ ...t })),
  };
}
