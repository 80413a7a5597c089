"use client";

import type { CompareMode } from "@/lib/comparison";
import type { ShownFrame } from "@/lib/frame-store";

/** Single frame, or an A/B pair: the transition's ends, or this frame in another snapshot. */
export function CompareControls({ mode, snapshots, current, onChange }: { mode: CompareMode | null; snapshots: string[]; current: string; onChange: (mode: CompareMode | null) => void }) {
  const button = (active: boolean) => `rounded-md px-2.5 py-1 text-xs ${active ? "bg-ink-700 text-white" : "text-ink-300 hover:text-white"}`;
  const others = snapshots.filter((s) => s !== current);
  return (
    <div className="flex flex-wrap items-center gap-2" aria-label="Compare">
      <div className="flex rounded-lg border border-ink-700 p-0.5">
        <button type="button" aria-pressed={mode === null} onClick={() => onChange(null)} className={button(mode === null)}>
          Single
        </button>
        <button type="button" aria-pressed={mode?.kind === "ends"} onClick={() => onChange({ kind: "ends" })} className={button(mode?.kind === "ends")}>
          A/B: source | destination
        </button>
      </div>
      {others.length > 0 && (
        <label className="flex items-center gap-1.5 text-xs text-ink-300">
          A/B: {current} vs
          <select
            value={mode?.kind === "snapshot" ? mode.snapshot : ""}
            onChange={(e) => onChange(e.target.value ? { kind: "snapshot", snapshot: e.target.value } : null)}
            className="rounded-md border border-ink-700 bg-ink-900 px-1.5 py-0.5 text-ink-100"
          >
            <option value="">snapshot…</option>
            {others.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

/** Frames side by side (A and B, or one alone), each labelled; a frame still on its way says so. */
export function CompareView({ frames }: { frames: { label: string; frame: ShownFrame | undefined }[] }) {
  return (
    // Sized to the stage (a size container): as large as fits, with room for the captions.
    <div className={`grid w-full gap-3 ${frames.length > 1 ? "max-w-[min(100cqw,calc(200cqh-4rem))] grid-cols-2" : "max-w-[min(100cqw,calc(100cqh-2rem))] grid-cols-1"}`} data-testid="compare-view">
      {frames.map(({ label, frame }) => (
        <figure key={label} className="flex flex-col gap-1.5">
          <div className="aspect-square w-full overflow-hidden rounded-xl border border-ink-700 bg-ink-900">
            {frame ? (
              // eslint-disable-next-line @next/next/no-img-element -- a blob URL of JPEG bytes from the socket: next/image cannot optimise it
              <img src={frame.url} data-hash={frame.hash} alt={label} width={frame.width} height={frame.height} className="h-full w-full object-cover" />
            ) : (
              <div className="flex h-full items-center justify-center text-xs text-ink-400">Rendering…</div>
            )}
          </div>
          <figcaption className="text-xs text-ink-300">{label}</figcaption>
        </figure>
      ))}
    </div>
  );
}
