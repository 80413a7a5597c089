import type { z } from "zod";
import {
  COMMENT_LIMITS,
  EVENTS,
  drawingChangeSchema,
  okAckSchema,
  summarizeThread,
  threadAckSchema,
  threadSchema,
  threadSummaryPackSchema,
  threadsBulkAckSchema,
  threadsSearchAckSchema,
  threadsFetchAckSchema,
  threadsLoadAckSchema,
  unpackJson,
  type DrawingChange,
  type NoteReaderId,
  type Thread,
  type ThreadCreate,
  type ThreadSummary,
  type ThreadSummaryPack,
  type ThreadsBulk,
} from "@umbra/protocol";
import type { RoomSocket } from "./room-connection";
import { SnapshotStore } from "./snapshot-store";

export interface ThreadsState {
  /** Every thread of the room, as much as the timeline needs, in the order written. */
  summaries: ThreadSummary[];
  /** The threads loaded whole (comments, drawing): opened, in view, or changed since you came. */
  whole: Readonly<Record<string, Thread>>;
  /** The summaries have arrived for this connection. */
  loaded: boolean;
  error: string | null;
}

/** This browser's own name and colour in local mode, where everyone is the one local user; null when signed in. */
export type SignedAs = { name: string; color: string } | null;

const UNREADABLE = "the server sent the room's notes in a shape this studio cannot read";

/** A summary pack's bytes read and checked; a sentence when they are not one. */
async function readPack(bytes: Uint8Array | null): Promise<ThreadSummaryPack | string> {
  if (bytes === null) return UNREADABLE;
  const parsed = threadSummaryPackSchema.safeParse(await unpackJson(bytes).catch(() => null));
  return parsed.success ? parsed.data : UNREADABLE;
}

/** The room page's notes URL fetched (the browser answers from its preload); null when that failed, and the socket brings them instead. */
async function fetchPack(url: string): Promise<Uint8Array | null> {
  try {
    const response = await fetch(url);
    return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
  } catch (error) {
    // The socket's load brings the notes anyway: nothing is lost, only the head start.
    console.warn(`Umbra: the room page's notes did not arrive, so they come over the socket: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

const NOT_SENT = "Not connected: the note was not sent. It can be sent again once the studio reconnects.";

function applyDrawing(thread: Thread, change: DrawingChange): Thread {
  const others = thread.drawing.filter((o) => o.id !== (change.op === "put" ? change.object.id : change.objectId));
  return { ...thread, drawing: change.op === "put" ? [...others, change.object] : others };
}

/**
 * The room's review threads over its socket, without React. A join brings every
 * thread's summary (what the timeline needs); whole threads load when asked for
 * (`want`: the one opened, the rows in view, drawings near the playhead). Everyone's
 * changes arrive whole and keep both current. Commands' answers are checked with the
 * protocol's schemas; a refusal becomes `error`, in the server's words.
 */
export class ThreadsClient extends SnapshotStore<ThreadsState> {
  private signedAs: SignedAs;
  /** Who the server counted as you in the summaries: live changes are summarised the same way. */
  private reader: NoteReaderId | null = null;
  /** The summaries held are as of this time: the next load asks for what changed since. */
  private asOf: string | null = null;
  /** The room page's own fetch of the summaries, started before this code ran, taken as soon as it arrives; loads wait for it. */
  private preloaded: Promise<void> | null;
  private readonly asked = new Set<string>();
  /** Bumped by every load, so an answer for an earlier connection is dropped. */
  private generation = 0;

  constructor(
    private readonly socket: RoomSocket,
    options: { signedAs?: SignedAs; notes?: ThreadSummaryPack | null; notesUrl?: string } = {},
  ) {
    super({ summaries: [], whole: {}, loaded: false, error: null });
    this.signedAs = options.signedAs ?? null;
    // The page's own notes (a small room's), or its fetch of them (a larger room's), started before this code ran.
    if (options.notes) this.apply(options.notes, false);
    this.preloaded = !options.notes && options.notesUrl ? this.takePreloaded(fetchPack(options.notesUrl)) : null;
    socket.on(EVENTS.threadUpdated, (payload) => {
      const parsed = threadSchema.safeParse(payload);
      if (parsed.success) this.hold(parsed.data);
      else this.update({ error: "a note arrived in a shape this studio cannot read" });
    });
    // The owner changed many notes at once: what changed comes with the next load, since the last.
    socket.on(EVENTS.threadsChanged, () => this.load());
    socket.on(EVENTS.drawingChanged, (payload) => {
      const parsed = drawingChangeSchema.safeParse(payload);
      if (!parsed.success) return this.update({ error: "a drawing change arrived in a shape this studio cannot read" });
      const change = parsed.data;
      const thread = this.getSnapshot().whole[change.threadId];
      if (thread) this.hold(applyDrawing(thread, change));
      else if (change.op === "put") this.patchSummary(change.threadId, { drawn: true });
    });
  }

  /**
   * Catches up on the room's notes; the room's connection calls it on each (re)connection.
   * The first time, the page's own fetch comes first, then the socket brings what changed
   * since it; later, only what changed since the last answer. Whole threads are forgotten,
   * as they may be stale, and load again where shown.
   */
  load(): void {
    const generation = ++this.generation;
    this.asked.clear();
    this.update({ whole: {} });
    void this.catchUp(generation);
  }

  /** The page's pack, shown without waiting for the socket to connect. */
  private async takePreloaded(bytes: Promise<Uint8Array | null>): Promise<void> {
    const pack = await readPack(await bytes);
    // In local mode "yours" goes by name: a pack counted for another name is not yours.
    if (typeof pack !== "string" && (this.signedAs === null || pack.reader.localName === this.signedAs.name)) this.apply(pack, false);
  }

  private async catchUp(generation: number): Promise<void> {
    if (this.preloaded) {
      await this.preloaded;
      this.preloaded = null;
      if (generation !== this.generation) return;
    }
    const since = this.asOf ?? undefined;
    const answer = await new Promise<unknown>((resolve) => this.socket.emit(EVENTS.threadsLoad, { as: this.as(), since }, resolve));
    const parsed = threadsLoadAckSchema.safeParse(answer);
    const pack = !parsed.success ? UNREADABLE : !parsed.data.ok ? `Could not load the notes: ${parsed.data.error.message}` : await readPack(parsed.data.pack);
    if (generation !== this.generation) return;
    if (typeof pack === "string") return this.update({ error: pack });
    this.apply(pack, since !== undefined);
  }

  /** Takes a pack's summaries: all of them, or (`changes`) those changed, over the ones held. */
  private apply(pack: ThreadSummaryPack, changes: boolean): void {
    this.reader = pack.reader;
    this.asOf = pack.asOf;
    let summaries = pack.summaries;
    if (changes) {
      const changed = new Map(pack.summaries.map((s) => [s.id, s]));
      const gone = new Set(pack.deleted);
      const held = this.getSnapshot().summaries.filter((s) => !gone.has(s.id));
      const heldIds = new Set(held.map((s) => s.id));
      summaries = [...held.map((s) => changed.get(s.id) ?? s), ...pack.summaries.filter((s) => !heldIds.has(s.id))];
    }
    this.update({ summaries, loaded: true, error: null });
  }

  /** Loads these threads whole, unless held or asked for already: in batches the server accepts. */
  readonly want = (ids: readonly string[]): void => {
    const { whole } = this.getSnapshot();
    const missing = ids.filter((id) => !whole[id] && !this.asked.has(id));
    if (missing.length === 0 || !this.socket.connected) return;
    for (const id of missing) this.asked.add(id);
    const generation = this.generation;
    for (let i = 0; i < missing.length; i += COMMENT_LIMITS.fetchThreads) {
      const batch = missing.slice(i, i + COMMENT_LIMITS.fetchThreads);
      this.socket.emit(EVENTS.threadsFetch, { ids: batch }, (answer) => {
        if (generation !== this.generation) return;
        const parsed = threadsFetchAckSchema.safeParse(answer);
        if (!parsed.success) return this.update({ error: "the server sent notes in a shape this studio cannot read" });
        if (!parsed.data.ok) {
          for (const id of batch) this.asked.delete(id);
          return this.update({ error: `Could not load notes: ${parsed.data.error.message}` });
        }
        this.update({ whole: { ...this.getSnapshot().whole, ...Object.fromEntries(parsed.data.threads.map((t) => [t.id, t])) } });
      });
    }
  };

  /** Keeps a whole thread, and its summary as this reader sees it. */
  private hold(thread: Thread): void {
    const { summaries, whole } = this.getSnapshot();
    // Before the summaries arrive, nobody knows yet who "you" are: they will bring this thread's.
    if (!this.reader) return this.update({ whole: { ...whole, [thread.id]: thread } });
    const before = summaries.find((s) => s.id === thread.id);
    const summary = summarizeThread(thread, this.reader, before);
    this.update({
      whole: { ...whole, [thread.id]: thread },
      summaries: before ? summaries.map((s) => (s.id === thread.id ? summary : s)) : [...summaries, summary],
    });
  }

  private patchSummary(threadId: string, patch: Partial<ThreadSummary>): void {
    this.update({ summaries: this.getSnapshot().summaries.map((s) => (s.id === threadId ? { ...s, ...patch } : s)) });
  }

  /**
   * The name and colour notes are signed with in local mode. Which notes are "yours"
   * and mention you depends on the name there, so a new name loads the summaries again.
   */
  setSignedAs(signedAs: SignedAs): void {
    this.signedAs = signedAs;
    const counted = this.reader?.localName;
    if (counted !== undefined && counted !== null && signedAs && signedAs.name !== counted && this.socket.connected) {
      this.asOf = null;
      this.load();
    }
  }

  readonly create = async (note: Omit<ThreadCreate, "as">): Promise<Thread | null> => this.sendThread(EVENTS.threadCreate, { ...note, as: this.as() });
  readonly reply = async (threadId: string, body: string, mentions: string[]): Promise<boolean> => (await this.sendThread(EVENTS.commentAdd, { threadId, body, mentions, as: this.as() })) !== null;
  readonly edit = async (commentId: string, body: string, mentions: string[]): Promise<boolean> => (await this.sendThread(EVENTS.commentEdit, { commentId, body, mentions })) !== null;
  readonly remove = async (commentId: string): Promise<boolean> => (await this.sendThread(EVENTS.commentDelete, { commentId })) !== null;
  readonly resolve = async (threadId: string, resolved: boolean): Promise<boolean> => (await this.sendThread(EVENTS.threadResolve, { threadId, resolved, as: this.as() })) !== null;
  readonly react = async (commentId: string, emoji: string): Promise<boolean> => (await this.sendThread(EVENTS.reactionToggle, { commentId, emoji })) !== null;

  /** The owner resolves or deletes every note matching `match`: how many, or null once `error` says why not. Everyone's notes then catch up. */
  readonly bulk = async (action: ThreadsBulk["action"], match: ThreadsBulk["match"]): Promise<number | null> => (await this.send(EVENTS.threadsBulk, { action, match }, threadsBulkAckSchema))?.count ?? null;

  /** The notes one of whose comments holds `text`; null once `error` says why not. */
  readonly search = async (text: string): Promise<{ ids: string[]; more: boolean } | null> => {
    const answer = await this.send(EVENTS.threadsSearch, { text }, threadsSearchAckSchema);
    return answer && { ids: answer.ids, more: answer.more };
  };

  /** Shown at once here; taken back, with the reason, if the server refuses it. Drawing needs the thread whole (it is open). */
  readonly draw = async (change: DrawingChange): Promise<boolean> => {
    const before = this.getSnapshot().whole[change.threadId];
    if (before) this.hold(applyDrawing(before, change));
    const ok = await this.send(EVENTS.drawingChange, change, okAckSchema);
    if (!ok && before) this.hold(before);
    return ok !== null;
  };

  readonly markRead = (threadId: string): void => {
    this.patchSummary(threadId, { unread: false });
    void this.send(EVENTS.threadRead, { threadId }, okAckSchema);
  };

  private as() {
    return this.signedAs ?? undefined;
  }

  /** Sends a change answered with its thread, which replaces the one held here. */
  private async sendThread(event: ThreadEvent, payload: unknown): Promise<Thread | null> {
    const answer = await this.send(event, payload, threadAckSchema);
    if (answer) this.hold(answer.thread);
    return answer?.thread ?? null;
  }

  /** Sends one change and checks the answer with its schema: the answer's fields, or null once `error` says why not. */
  private send<S extends typeof threadAckSchema | typeof okAckSchema | typeof threadsBulkAckSchema | typeof threadsSearchAckSchema>(
    event: ThreadEvent | OkEvent | typeof EVENTS.threadsBulk | typeof EVENTS.threadsSearch,
    payload: unknown,
    schema: S,
  ): Promise<Extract<z.infer<S>, { ok: true }> | null> {
    return new Promise((resolve) => {
      if (!this.socket.connected) {
        this.update({ error: NOT_SENT });
        return resolve(null);
      }
      this.socket.emit(event, payload, (answer: unknown) => {
        const parsed = schema.safeParse(answer);
        if (!parsed.success) {
          this.update({ error: "the server's answer about a note could not be read" });
          return resolve(null);
        }
        if (!parsed.data.ok) {
          this.update({ error: parsed.data.error.message });
          return resolve(null);
        }
        if (this.getSnapshot().error !== null) this.update({ error: null });
        resolve(parsed.data as Extract<z.infer<S>, { ok: true }>);
      });
    });
  }
}

type ThreadEvent = typeof EVENTS.threadCreate | typeof EVENTS.commentAdd | typeof EVENTS.commentEdit | typeof EVENTS.commentDelete | typeof EVENTS.threadResolve | typeof EVENTS.reactionToggle;
type OkEvent = typeof EVENTS.drawingChange | typeof EVENTS.threadRead;
