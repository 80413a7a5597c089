"use client";

import { useEffect, useRef, useState } from "react";
import { chainFrameCount, frameIndex, frameNumber, type Chain } from "@umbra/doc";
import { EXPORT_FORMATS, EXPORT_FORMAT_LABELS, EXPORT_LIMITS, exportSettingsSchema, type ExportFormat, type ExportJob } from "@umbra/protocol";
import { exportSecondsLeft, roughDuration } from "@/lib/export-eta";
import type { RoomExports } from "@/lib/use-exports";
import { useFrameNumbering } from "@/lib/frame-numbering";
import { Dismissible } from "./Dismissible";
import { ViewControls, viewOverrides, type ViewChoice } from "./ViewControls";

const SIZES = [128, 256, 512, 768, 1024] as const;
const field = "rounded-md border border-ink-700 bg-ink-950 px-2 py-1 text-xs text-ink-100 focus:border-accent-500 focus:outline-none disabled:opacity-40";
const button = "rounded-md border border-ink-600 px-2 py-0.5 text-xs text-ink-200 hover:border-accent-500 hover:text-white disabled:opacity-40";

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "14 of 49 frames · about 20 s left": the time left from the pace so far (it is redrawn with each progress report). */
function progressText(job: ExportJob): string {
  const left = exportSecondsLeft(job, Date.now());
  return `${job.framesDone} of ${job.frames} frames${left === null ? "" : ` · ${roughDuration(left)} left`}`;
}

function ExportJobRow({ roomId, job, canEdit, justStarted, onCancel }: { roomId: string; job: ExportJob; canEdit: boolean; justStarted: boolean; onCancel: () => void }) {
  const row = useRef<HTMLLIElement>(null);
  // The export you just started comes into view, below the form, with its progress.
  useEffect(() => {
    if (justStarted) row.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [justStarted]);
  const active = job.status === "queued" || job.status === "running";
  const numbering = useFrameNumbering();
  const percent = job.frames === 0 ? 0 : Math.floor((100 * job.framesDone) / job.frames);
  const { settings } = job;
  return (
    <li ref={row} className="flex flex-col gap-1 rounded-md border border-ink-800 bg-ink-900 p-2 text-xs" data-testid="export-job" data-status={job.status}>
      <div className="flex items-baseline justify-between gap-2">
        <span className="truncate font-medium text-ink-100" title={job.fileName}>
          {job.chainName}
        </span>
        <span className="shrink-0 text-ink-400">{EXPORT_FORMAT_LABELS[settings.format].split(" (")[0]}</span>
      </div>
      <div className="text-ink-400">
        {job.frames} frames{settings.range ? ` (${frameNumber(settings.range.in, numbering)}–${frameNumber(settings.range.out, numbering)})` : ""} · {settings.format === "w-npy" ? "w" : `${settings.size}²`} · {settings.fps} fps
        {settings.view === "shadows" ? " · Shadows" : ""}
      </div>
      {active && (
        <div className="flex items-center gap-2">
          <div className="h-1.5 flex-1 overflow-hidden rounded bg-ink-800" role="progressbar" aria-label={`Export of ${job.chainName}`} aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
            <div className="h-full bg-accent-500 transition-[width]" style={{ width: `${percent}%` }} />
          </div>
          {canEdit && (
            <button type="button" className={button} onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      )}
      {active && <div className="text-ink-300">{job.status === "queued" ? "Waiting for the exports before it" : progressText(job)}</div>}
      {job.status === "done" && (
        <div className="flex items-center justify-between gap-2 text-ink-400">
          <span>
            {megabytes(job.bytes ?? 0)} · {new Date(job.finishedAt ?? job.createdAt).toLocaleString()}
          </span>
          <a className={button} href={`/rooms/${roomId}/exports/${job.id}`} download={job.fileName}>
            Download
          </a>
        </div>
      )}
      {(job.status === "failed" || job.status === "expired") && <p className="text-red-300">{job.error}</p>}
      {job.status === "cancelled" && <p className="text-ink-500">Cancelled</p>}
      <div className="text-ink-500">
        by {job.createdBy.name}
        {settings.format === "mp4" && job.encoder ? ` · ${job.encoder}` : ""}
      </div>
    </li>
  );
}

/**
 * Video and image sequences of the active chain, rendered by the server from every
 * frame's recipe: the form (editors), then the room's exports, live for everyone,
 * with downloads.
 */
export function ExportPanel({
  roomId,
  chain,
  view,
  marked,
  canEdit,
  exports,
  modelHasW,
}: {
  roomId: string;
  chain: Chain | null;
  /** What you see now: the export starts from it. */
  view: ViewChoice;
  /** The range marked with I and O, if any. */
  marked: { in: number | null; out: number | null };
  canEdit: boolean;
  exports: RoomExports;
  /** The room's model has a mapping network: per-frame w can be exported. */
  modelHasW: boolean;
}) {
  const [format, setFormat] = useState<ExportFormat>("mp4");
  const [wholeChain, setWholeChain] = useState(true);
  const [range, setRange] = useState({ in: 0, out: 0 });
  const [look, setLook] = useState<ViewChoice>(view);
  const [size, setSize] = useState<number>(256);
  const [fps, setFps] = useState<number>(chain?.fps ?? 24);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [started, setStarted] = useState<string | null>(null);
  const total = chain ? chainFrameCount(chain) : 0;
  const numbering = useFrameNumbering();
  const first = frameNumber(0, numbering);

  useEffect(() => {
    if (!chain) return;
    setFps(chain.fps);
    setProblem(null);
    setRange({ in: 0, out: Math.max(0, chainFrameCount(chain) - 1) });
    // Only another chain resets the form: edits of this one keep what was chosen.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the chain's id on purpose, as said above
  }, [chain?.id]);

  const markedRange = marked.in !== null && marked.out !== null ? { in: Math.min(marked.in, marked.out), out: Math.max(marked.in, marked.out) } : null;
  const frames = wholeChain ? total : Math.max(0, range.out - range.in + 1);
  const animated = format === "gif" || format === "webp";
  const latents = format === "w-npy";

  const start = async () => {
    if (!chain) return;
    const settings = exportSettingsSchema.safeParse({ chainId: chain.id, format, range: wholeChain ? null : range, ...(latents ? { view: "color" } : viewOverrides(look)), size, fps });
    if (!settings.success) return setProblem(settings.error.issues.map((i) => i.message).join("; "));
    setSending(true);
    const answer = await exports.start(settings.data);
    setSending(false);
    setProblem(answer.ok ? null : answer.problem);
    if (answer.ok) setStarted(answer.id);
  };

  return (
    <div className="flex flex-col gap-4" data-testid="export-panel">
      {chain && canEdit && (
        <section className="flex flex-col gap-2 text-xs text-ink-300" aria-label="New export">
          <h3 className="text-sm font-medium text-ink-100">Export {chain.name}</h3>
          <label className="flex items-center justify-between gap-2">
            Format
            <select className={field} value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
              {EXPORT_FORMATS.filter((f) => f !== "w-npy" || modelHasW).map((f) => (
                <option key={f} value={f}>
                  {EXPORT_FORMAT_LABELS[f]}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="flex flex-col gap-1.5">
            <legend className="sr-only">Frames</legend>
            <label className="flex items-center gap-2">
              <input type="radio" name="export-frames" checked={wholeChain} onChange={() => setWholeChain(true)} className="accent-accent-500" />
              Whole chain ({total} frames)
            </label>
            <div className="flex flex-wrap items-center gap-2">
              <label className="flex items-center gap-2">
                <input type="radio" name="export-frames" checked={!wholeChain} onChange={() => setWholeChain(false)} className="accent-accent-500" />
                Frames
              </label>
              <input aria-label="In frame" type="number" min={first} max={frameNumber(total - 1, numbering)} className={`${field} w-16`} value={frameNumber(range.in, numbering)} disabled={wholeChain} onChange={(e) => setRange((r) => ({ ...r, in: frameIndex(Number(e.target.value), numbering) }))} />
              to
              <input aria-label="Out frame" type="number" min={first} max={frameNumber(total - 1, numbering)} className={`${field} w-16`} value={frameNumber(range.out, numbering)} disabled={wholeChain} onChange={(e) => setRange((r) => ({ ...r, out: frameIndex(Number(e.target.value), numbering) }))} />
              {markedRange && (
                <button
                  type="button"
                  className={button}
                  onClick={() => {
                    setWholeChain(false);
                    setRange(markedRange);
                  }}
                >
                  Marked {frameNumber(markedRange.in, numbering)}–{frameNumber(markedRange.out, numbering)}
                </button>
              )}
            </div>
          </fieldset>
          {!latents && <ViewControls choice={look} onChange={setLook} />}
          <div className="flex flex-wrap items-center gap-3">
            {!latents && (
              <label className="flex items-center gap-2">
                Size
                <select className={field} value={size} onChange={(e) => setSize(Number(e.target.value))}>
                  {SIZES.map((s) => (
                    <option key={s} value={s} disabled={animated && s > EXPORT_LIMITS.animatedImageMaxSize}>
                      {s}×{s}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="flex items-center gap-2">
              FPS
              <input type="number" min={EXPORT_LIMITS.minFps} max={EXPORT_LIMITS.maxFps} className={`${field} w-16`} value={fps} onChange={(e) => setFps(Number(e.target.value))} />
            </label>
          </div>
          <p className="text-ink-500">
            {frames} frames · {(frames / Math.max(1, fps)).toFixed(1)} s{format === "mp4" && exports.mp4Encoder ? ` · ${exports.mp4Encoder.detail}` : ""}
            {latents && " · each frame's w after truncation, as the model's synthesis network takes it, with a w.json sidecar"}
          </p>
          <button
            type="button"
            disabled={sending || frames === 0}
            onClick={() => void start()}
            className="self-start rounded-lg bg-accent-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-400 disabled:opacity-40"
          >
            Start export
          </button>
          {problem && (
            <Dismissible tone="problem" onDismiss={() => setProblem(null)}>
              {problem}
            </Dismissible>
          )}
        </section>
      )}
      {!canEdit && <p className="text-xs text-ink-400">Editors start exports; you can download the finished ones.</p>}
      <section className="flex flex-col gap-2" aria-label="Exports">
        <h3 className="text-sm font-medium text-ink-100">Exports</h3>
        {exports.error && <p className="text-xs text-red-300">{exports.error}</p>}
        {exports.exports.length === 0 ? (
          <p className="text-xs text-ink-500">Nothing exported yet.</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {exports.exports.map((job) => (
              <ExportJobRow key={job.id} roomId={roomId} job={job} canEdit={canEdit} justStarted={job.id === started} onCancel={() => void exports.cancel(job.id).then(setProblem)} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
