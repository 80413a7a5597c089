import type { z } from "zod";
import {
  COMMENT_LIMITS,
  EVENTS,
  drawingChangeSchema,
  okAckSchema,
  summarizeThread,
  threadAckSchema,
  threadSchema,
  threadSummariesSchema,
  threadsFetchAckSchema,
  threadsLoadAckSchema,
  unpackJson,
  type DrawingChange,
  type NoteReaderId,
  type Thread,
  type ThreadCreate,
  type ThreadSummary,
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
  private readonly asked = new Set<string>();
  /** Bumped by every load, so a fetch answered for an earlier connection is dropped. */
  private generation = 0;

  constructor(
    private readonly socket: RoomSocket,
    signedAs: SignedAs = null,
  ) {
    super({ summaries: [], whole: {}, loaded: false, error: null });
    this.signedAs = signedAs;
    socket.on(EVENTS.threadUpdated, (payload) => {
      const parsed = threadSchema.safeParse(payload);
      if (parsed.success) this.hold(parsed.data);
      else this.update({ error: "a note arrived in a shape this studio cannot read" });
    });
    socket.on(EVENTS.drawingChanged, (payload) => {
      const parsed = drawingChangeSchema.safeParse(payload);
      if (!parsed.success) return this.update({ error: "a drawing change arrived in a shape this studio cannot read" });
      const change = parsed.data;
      const thread = this.getSnapshot().whole[change.threadId];
      if (thread) this.hold(applyDrawing(thread, change));
      else if (change.op === "put") this.patchSummary(change.threadId, { drawn: true });
    });
  }

  /** Asks for every thread's summary; the room's connection calls it on each (re)connection, which also forgets whole threads that may be stale. */
  load(): void {
    const generation = ++this.generation;
    this.asked.clear();
    this.update({ whole: {}, loaded: false });
    this.socket.emit(EVENTS.threadsLoad, { as: this.as() }, (answer) => {
      void this.hearSummaries(answer).then((result) => {
        if (generation !== this.generation) return;
        if (typeof result === "string") return this.update({ error: result });
        this.reader = result.reader;
        this.update({ summaries: result.summaries, loaded: true, error: null });
      });
    });
  }

  private async hearSummaries(answer: unknown): Promise<{ summaries: ThreadSummary[]; reader: NoteReaderId } | string> {
    const parsed = threadsLoadAckSchema.safeParse(answer);
    if (!parsed.success) return "the server sent the room's notes in a shape this studio cannot read";
    if (!parsed.data.ok) return `Could not load the notes: ${parsed.data.error.message}`;
    const summaries = threadSummariesSchema.safeParse(await unpackJson(parsed.data.summaries).catch(() => null));
    if (!summaries.success) return "the server sent the room's notes in a shape this studio cannot read";
    return { summaries: summaries.data, reader: parsed.data.reader };
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
    const summary = summarizeThread(thread, this.reader, before?.readAt ?? null);
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
    if (counted !== undefined && counted !== null && signedAs && signedAs.name !== counted && this.socket.connected) this.load();
  }

  readonly create = async (note: Omit<ThreadCreate, "as">): Promise<Thread | null> => this.sendThread(EVENTS.threadCreate, { ...note, as: this.as() });
  readonly reply = async (threadId: string, body: string, mentions: string[]): Promise<boolean> => (await this.sendThread(EVENTS.commentAdd, { threadId, body, mentions, as: this.as() })) !== null;
  readonly edit = async (commentId: string, body: string, mentions: string[]): Promise<boolean> => (await this.sendThread(EVENTS.commentEdit, { commentId, body, mentions })) !== null;
  readonly remove = async (commentId: string): Promise<boolean> => (await this.sendThread(EVENTS.commentDelete, { commentId })) !== null;
  readonly resolve = async (threadId: string, resolved: boolean): Promise<boolean> => (await this.sendThread(EVENTS.threadResolve, { threadId, resolved, as: this.as() })) !== null;
  readonly react = async (commentId: string, emoji: string): Promise<boolean> => (await this.sendThread(EVENTS.reactionToggle, { commentId, emoji })) !== null;

  /** Shown at once here; taken back, with the reason, if the server refuses it. Drawing needs the thread whole (it is open). */
  readonly draw = async (change: DrawingChange): Promise<boolean> => {
    const before = this.getSnapshot().whole[change.threadId];
    if (before) this.hold(applyDrawing(before, change));
    const ok = await this.send(EVENTS.drawingChange, change, okAckSchema);
    if (!ok && before) this.hold(before);
    return ok !== null;
  };

  readonly markRead = (threadId: string): void => {
    // Read up to now, and at least up to its last comment, whatever this computer's clock says.
    const now = new Date().toISOString();
    const last = this.getSnapshot().summaries.find((s) => s.id === threadId)?.lastActivityAt ?? now;
    this.patchSummary(threadId, { readAt: last > now ? last : now });
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
  private send<S extends typeof threadAckSchema | typeof okAckSchema>(event: ThreadEvent | OkEvent, payload: unknown, schema: S): Promise<Extract<z.infer<S>, { ok: true }> | null> {
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
