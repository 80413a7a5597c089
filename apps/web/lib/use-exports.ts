"use client";

import { useCallback, useEffect, useState } from "react";
import { EVENTS, exportAckSchema, exportJobSchema, exportsLoadAckSchema, type ExportJob, type ExportStart, type Mp4Encoder } from "@umbra/protocol";
import type { RoomSocket } from "./use-room-frames";

export interface RoomExports {
  /** Newest first. */
  exports: ExportJob[];
  mp4Encoder: Mp4Encoder | null;
  error: string | null;
  /** The queued export's id, or the reason it was refused. */
  start(settings: ExportStart["settings"]): Promise<{ ok: true; id: string } | { ok: false; problem: string }>;
  /** null once cancelled, or the reason it could not be. */
  cancel(exportId: string): Promise<string | null>;
}

const newestFirst = (a: ExportJob, b: ExportJob) => b.createdAt.localeCompare(a.createdAt);

/**
 * The room's exports over its socket: loaded on every join, kept current as jobs
 * move (everyone in the room hears each step). `signedAs` is this browser's own
 * name in local mode.
 */
export function useExports(socket: RoomSocket | null, signedAs: { name: string } | null): RoomExports {
  const [exports, setExports] = useState<ExportJob[]>([]);
  const [mp4Encoder, setMp4Encoder] = useState<Mp4Encoder | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!socket) return;
    socket.emit(EVENTS.exportsLoad, {}, (answer) => {
      const parsed = exportsLoadAckSchema.safeParse(answer);
      if (!parsed.success) setError("the server sent the room's exports in a shape this studio cannot read");
      else if (!parsed.data.ok) setError(`Could not load the exports: ${parsed.data.error.message}`);
      else {
        setExports(parsed.data.exports.sort(newestFirst));
        setMp4Encoder(parsed.data.mp4Encoder);
      }
    });
    const onUpdated = (payload: unknown) => {
      const parsed = exportJobSchema.safeParse(payload);
      if (!parsed.success) return setError("an export's news arrived in a shape this studio cannot read");
      setExports((all) => [...all.filter((j) => j.id !== parsed.data.id), parsed.data].sort(newestFirst));
    };
    socket.on(EVENTS.exportUpdated, onUpdated);
    return () => {
      socket.off(EVENTS.exportUpdated, onUpdated);
    };
  }, [socket]);

  const send = useCallback(
    (event: typeof EVENTS.exportStart | typeof EVENTS.exportCancel, payload: unknown) =>
      new Promise<{ ok: true; id: string } | { ok: false; problem: string }>((resolve) => {
        if (!socket) return resolve({ ok: false, problem: "not connected to the room" });
        socket.emit(event, payload, (answer) => {
          const parsed = exportAckSchema.safeParse(answer);
          if (!parsed.success) return resolve({ ok: false, problem: "the server's answer could not be read" });
          if (!parsed.data.ok) return resolve({ ok: false, problem: [parsed.data.error.message, ...(parsed.data.error.issues ?? [])].join(": ") });
          const job = parsed.data.export;
          // The room's news (export:updated) is the truth about a job; an answer only adds one not heard of yet.
          setExports((all) => (all.some((j) => j.id === job.id) ? all : [...all, job].sort(newestFirst)));
          resolve({ ok: true, id: job.id });
        });
      }),
    [socket],
  );

  return {
    exports,
    mp4Encoder,
    error,
    start: useCallback((settings) => send(EVENTS.exportStart, { settings, ...(signedAs ? { as: { name: signedAs.name } } : {}) } satisfies ExportStart), [send, signedAs]),
    cancel: useCallback(async (exportId) => {
      const answer = await send(EVENTS.exportCancel, { exportId });
      return answer.ok ? null : answer.problem;
    }, [send]),
  };
}
