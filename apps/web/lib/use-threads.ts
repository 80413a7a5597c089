"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import {
  EVENTS,
  drawingChangeSchema,
  threadSchema,
  threadsLoadAckSchema,
  type DrawingChange,
  type ErrorInfo,
  type Thread,
  type ThreadCreate,
} from "@umbra/protocol";
import type { RoomSocket } from "./use-room-frames";

type Ack = { ok: true; thread?: unknown } | { ok: false; error: ErrorInfo };

export interface RoomThreads {
  threads: Thread[];
  /** When you last read each thread (ISO): unread markers and "N new". */
  readAt: Record<string, string>;
  error: string | null;
  create(note: Omit<ThreadCreate, "as">): Promise<Thread | null>;
  reply(threadId: string, body: string, mentions: string[]): Promise<boolean>;
  edit(commentId: string, body: string, mentions: string[]): Promise<boolean>;
  remove(commentId: string): Promise<boolean>;
  resolve(threadId: string, resolved: boolean): Promise<boolean>;
  react(commentId: string, emoji: string): Promise<boolean>;
  /** Shown at once here; taken back, with the reason, if the server refuses it. */
  draw(change: DrawingChange): Promise<boolean>;
  markRead(threadId: string): void;
}

function applyDrawing(threads: Thread[], change: DrawingChange): Thread[] {
  return threads.map((t) => {
    if (t.id !== change.threadId) return t;
    const others = t.drawing.filter((o) => o.id !== (change.op === "put" ? change.object.id : change.objectId));
    return { ...t, drawing: change.op === "put" ? [...others, change.object] : others };
  });
}

/**
 * The room's review threads over its socket: loaded on every join (so a
 * reconnect catches up), kept current from everyone's changes. `signedAs` is
 * this browser's own name and colour in local mode.
 */
export function useThreads(socket: RoomSocket | null, signedAs: { name: string; color: string } | null): RoomThreads {
  const [threads, setThreads] = useState<Thread[]>([]);
  const [readAt, setReadAt] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!socket) return;
    socket.emit(EVENTS.threadsLoad, {}, (answer) => {
      const parsed = threadsLoadAckSchema.safeParse(answer);
      if (!parsed.success) setError("the server sent the room's notes in a shape this studio cannot read");
      else if (!parsed.data.ok) setError(`Could not load the notes: ${parsed.data.error.message}`);
      else {
        setThreads(parsed.data.threads);
        setReadAt(parsed.data.readAt);
      }
    });
    const onThread = (payload: unknown) => {
      const parsed = threadSchema.safeParse(payload);
      if (!parsed.success) return setError("a note arrived in a shape this studio cannot read");
      setThreads((all) => [...all.filter((t) => t.id !== parsed.data.id), parsed.data]);
    };
    const onDrawing = (payload: unknown) => {
      const parsed = drawingChangeSchema.safeParse(payload);
      if (!parsed.success) return setError("a drawing change arrived in a shape this studio cannot read");
      setThreads((all) => applyDrawing(all, parsed.data));
    };
    socket.on(EVENTS.threadUpdated, onThread);
    socket.on(EVENTS.drawingChanged, onDrawing);
    return () => {
      socket.off(EVENTS.threadUpdated, onThread);
      socket.off(EVENTS.drawingChanged, onDrawing);
    };
  }, [socket]);

  /** Sends one change; a refusal becomes the error line, in the server's words. */
  const send = useCallback(
    (event: string, payload: unknown) =>
      new Promise<Thread | true | null>((resolve) => {
        if (!socket) {
          setError("Not connected: the note was not sent. It can be sent again once the studio reconnects.");
          return resolve(null);
        }
        (socket.emit as (e: string, p: unknown, ack: (a: Ack) => void) => void)(event, payload, (answer) => {
          if (!answer.ok) {
            setError(answer.error.message);
            return resolve(null);
          }
          setError(null);
          const thread = answer.thread === undefined ? null : threadSchema.safeParse(answer.thread);
          if (thread?.success) setThreads((all) => [...all.filter((t) => t.id !== thread.data.id), thread.data]);
          resolve(thread?.success ? thread.data : true);
        });
      }),
    [socket],
  );
  const as = signedAs ?? undefined;

  return useMemo(
    () => ({
      threads,
      readAt,
      error,
      create: async (note) => {
        const thread = await send(EVENTS.threadCreate, { ...note, as });
        return thread && thread !== true ? thread : null;
      },
      reply: async (threadId, body, mentions) => (await send(EVENTS.commentAdd, { threadId, body, mentions, as })) !== null,
      edit: async (commentId, body, mentions) => (await send(EVENTS.commentEdit, { commentId, body, mentions })) !== null,
      remove: async (commentId) => (await send(EVENTS.commentDelete, { commentId })) !== null,
      resolve: async (threadId, resolved) => (await send(EVENTS.threadResolve, { threadId, resolved, as })) !== null,
      react: async (commentId, emoji) => (await send(EVENTS.reactionToggle, { commentId, emoji })) !== null,
      draw: async (change) => {
        const before = threads.find((t) => t.id === change.threadId);
        setThreads((all) => applyDrawing(all, change));
        const ok = (await send(EVENTS.drawingChange, change)) !== null;
        if (!ok && before) setThreads((all) => all.map((t) => (t.id === before.id ? before : t)));
        return ok;
      },
      markRead: (threadId) => {
        setReadAt((all) => ({ ...all, [threadId]: new Date().toISOString() }));
        void send(EVENTS.threadRead, { threadId });
      },
    }),
    [threads, readAt, error, send, as],
  );
}
