import { EVENTS, exportAckSchema, exportJobSchema, exportsLoadAckSchema, type ExportJob, type ExportStart, type Mp4Encoder } from "@umbra/protocol";
import type { RoomSocket } from "./room-connection";
import { SnapshotStore } from "./snapshot-store";

export interface ExportsState {
  /** Newest first. */
  exports: ExportJob[];
  mp4Encoder: Mp4Encoder | null;
  error: string | null;
}

export type ExportAnswer = { ok: true; id: string } | { ok: false; problem: string };

const newestFirst = (a: ExportJob, b: ExportJob) => b.createdAt.localeCompare(a.createdAt);

/**
 * The room's exports over its socket, without React: loaded on every join, kept
 * current as jobs move (everyone in the room hears each step), started and cancelled
 * with answers checked by the protocol's schema.
 */
export class ExportsClient extends SnapshotStore<ExportsState> {
  /** This browser's own name in local mode, which the job carries; null when signed in. */
  private signedAs: { name: string } | null = null;

  constructor(private readonly socket: RoomSocket) {
    super({ exports: [], mp4Encoder: null, error: null });
    socket.on(EVENTS.exportUpdated, (payload) => {
      const parsed = exportJobSchema.safeParse(payload);
      if (!parsed.success) return this.update({ error: "an export's news arrived in a shape this studio cannot read" });
      this.update({ exports: [...this.getSnapshot().exports.filter((j) => j.id !== parsed.data.id), parsed.data].sort(newestFirst) });
    });
  }

  /** Asks for the room's exports; the room's connection calls it on each (re)connection. */
  load(): void {
    this.socket.emit(EVENTS.exportsLoad, {}, (answer) => {
      const parsed = exportsLoadAckSchema.safeParse(answer);
      if (!parsed.success) this.update({ error: "the server sent the room's exports in a shape this studio cannot read" });
      else if (!parsed.data.ok) this.update({ error: `Could not load the exports: ${parsed.data.error.message}` });
      else this.update({ exports: parsed.data.exports.sort(newestFirst), mp4Encoder: parsed.data.mp4Encoder, error: null });
    });
  }

  setSignedAs(signedAs: { name: string } | null): void {
    this.signedAs = signedAs;
  }

  /** The queued export's id, or the reason it was refused. */
  readonly start = (settings: ExportStart["settings"]): Promise<ExportAnswer> =>
    this.send(EVENTS.exportStart, { settings, ...(this.signedAs ? { as: { name: this.signedAs.name } } : {}) } satisfies ExportStart);

  /** null once cancelled, or the reason it could not be. */
  readonly cancel = async (exportId: string): Promise<string | null> => {
    const answer = await this.send(EVENTS.exportCancel, { exportId });
    return answer.ok ? null : answer.problem;
  };

  private send(event: typeof EVENTS.exportStart | typeof EVENTS.exportCancel, payload: unknown): Promise<ExportAnswer> {
    return new Promise((resolve) => {
      if (!this.socket.connected) return resolve({ ok: false, problem: "not connected to the room" });
      this.socket.emit(event, payload, (answer) => {
        const parsed = exportAckSchema.safeParse(answer);
        if (!parsed.success) return resolve({ ok: false, problem: "the server's answer could not be read" });
        if (!parsed.data.ok) return resolve({ ok: false, problem: [parsed.data.error.message, ...(parsed.data.error.issues ?? [])].join(": ") });
        const job = parsed.data.export;
        // The room's news (export:updated) is the truth about a job; an answer only adds one not heard of yet.
        const { exports } = this.getSnapshot();
        if (!exports.some((j) => j.id === job.id)) this.update({ exports: [...exports, job].sort(newestFirst) });
        resolve({ ok: true, id: job.id });
      });
    });
  }
}
