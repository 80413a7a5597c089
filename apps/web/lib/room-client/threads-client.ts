import type { z } from "zod";
import {
  EVENTS,
  drawingChangeSchema,
  okAckSchema,
  threadAckSchema,
  threadSchema,
  threadsLoadAckSchema,
  type DrawingChange,
  type Thread,
  type ThreadCreate,
} from "@umbra/protocol";
import type { RoomSocket } from "./room-connection";
import { SnapshotStore } from "./snapshot-store";

export interface ThreadsState {
  threads: Thread[];
  /** When you last read each thread (ISO): unread markers and "N new". */
  readAt: Record<string, string>;
  error: string | null;
}

/** This browser's own name and colour in local mode, where everyone is the one local user; null when signed in. */
export type SignedAs = { name: string; color: string } | null;

const NOT_SENT = "Not connected: the note was not sent. It can be sent again once the studio reconnects.";

function applyDrawing(threads: Thread[], change: DrawingChange): Thread[] {
  return threads.map((t) => {
    if (t.id !== change.threadId) return t;
    const others = t.drawing.filter((o) => o.id !== (change.op === "put" ? change.object.id : change.objectId));
    return { ...t, drawing: change.op === "put" ? [...others, change.object] : others };
  });
}

const withThread = (threads: Thread[], thread: Thread) => [...threads.filter((t) => t.id !== thread.id), thread];

/**
 * The room's review threads over its socket, without React: loaded on every join
 * (so a reconnect catches up), kept current from everyone's changes, and changed
 * through commands whose answers are checked with the protocol's schemas. A refusal
 * becomes `error`, in the server's words.
 */
export class ThreadsClient extends SnapshotStore<ThreadsState> {
  private signedAs: SignedAs = null;

  constructor(private readonly socket: RoomSocket) {
    super({ threads: [], readAt: {}, error: null });
    socket.on(EVENTS.threadUpdated, (payload) => {
      const parsed = threadSchema.safeParse(payload);
      this.update(parsed.success ? { threads: withThread(this.getSnapshot().threads, parsed.data) } : { error: "a note arrived in a shape this studio cannot read" });
    });
    socket.on(EVENTS.drawingChanged, (payload) => {
      const parsed = drawingChangeSchema.safeParse(payload);
      this.update(parsed.success ? { threads: applyDrawing(this.getSnapshot().threads, parsed.data) } : { error: "a drawing change arrived in a shape this studio cannot read" });
    });
  }

  /** Asks for every thread; the room's connection calls it on each (re)connection. */
  load(): void {
    this.socket.emit(EVENTS.threadsLoad, {}, (answer) => {
      const parsed = threadsLoadAckSchema.safeParse(answer);
      if (!parsed.success) this.update({ error: "the server sent the room's notes in a shape this studio cannot read" });
      else if (!parsed.data.ok) this.update({ error: `Could not load the notes: ${parsed.data.error.message}` });
      else this.update({ threads: parsed.data.threads, readAt: parsed.data.readAt, error: null });
    });
  }

  /** The name and colour notes are signed with in local mode. */
  setSignedAs(signedAs: SignedAs): void {
    this.signedAs = signedAs;
  }

  readonly create = async (note: Omit<ThreadCreate, "as">): Promise<Thread | null> => this.sendThread(EVENTS.threadCreate, { ...note, as: this.as() });
  readonly reply = async (threadId: string, body: string, mentions: string[]): Promise<boolean> => (await this.sendThread(EVENTS.commentAdd, { threadId, body, mentions, as: this.as() })) !== null;
  readonly edit = async (commentId: string, body: string, mentions: string[]): Promise<boolean> => (await this.sendThread(EVENTS.commentEdit, { commentId, body, mentions })) !== null;
  readonly remove = async (commentId: string): Promise<boolean> => (await this.sendThread(EVENTS.commentDelete, { commentId })) !== null;
  readonly resolve = async (threadId: string, resolved: boolean): Promise<boolean> => (await this.sendThread(EVENTS.threadResolve, { threadId, resolved, as: this.as() })) !== null;
  readonly react = async (commentId: string, emoji: string): Promise<boolean> => (await this.sendThread(EVENTS.reactionToggle, { commentId, emoji })) !== null;

  /** Shown at once here; taken back, with the reason, if the server refuses it. */
  readonly draw = async (change: DrawingChange): Promise<boolean> => {
    const before = this.getSnapshot().threads.find((t) => t.id === change.threadId);
    this.update({ threads: applyDrawing(this.getSnapshot().threads, change) });
    const ok = await this.send(EVENTS.drawingChange, change, okAckSchema);
    if (!ok && before) this.update({ threads: this.getSnapshot().threads.map((t) => (t.id === before.id ? before : t)) });
    return ok !== null;
  };

  readonly markRead = (threadId: string): void => {
    this.update({ readAt: { ...this.getSnapshot().readAt, [threadId]: new Date().toISOString() } });
    void this.send(EVENTS.threadRead, { threadId }, okAckSchema);
  };

  private as() {
    return this.signedAs ?? undefined;
  }

  /** Sends a change answered with its thread, which replaces the one held here. */
  private async sendThread(event: ThreadEvent, payload: unknown): Promise<Thread | null> {
    const answer = await this.send(event, payload, threadAckSchema);
    if (answer) this.update({ threads: withThread(this.getSnapshot().threads, answer.thread) });
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
