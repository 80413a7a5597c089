"use client";

import { frameNumber } from "@umbra/doc";
import { useFrameNumbering } from "@/lib/frame-numbering";

/** Marrow's step buttons (±1, ±10, ±100) around play/pause, and the frame counter. */
export function TransportControls({ frame, total, playing, onStep, onTogglePlay }: { frame: number; total: number; playing: boolean; onStep: (delta: number) => void; onTogglePlay: () => void }) {
  const numbering = useFrameNumbering();
  const button = "rounded-md border border-ink-600 px-1.5 py-0.5 font-mono text-xs text-ink-200 hover:border-accent-500 hover:text-white disabled:opacity-40";
  return (
    <div className="flex flex-wrap items-center gap-1.5" aria-label="Transport">
      {[-100, -10, -1].map((delta) => (
        <button key={delta} type="button" className={button} disabled={total === 0} onClick={() => onStep(delta)} aria-label={`Step ${delta}`}>
          {delta}
        </button>
      ))}
      <button type="button" className={`${button} min-w-16`} disabled={total < 2} onClick={onTogglePlay} aria-label={playing ? "Pause" : "Play"}>
        {playing ? "❚❚ Pause" : "▶ Play"}
      </button>
      {[1, 10, 100].map((delta) => (
        <button key={delta} type="button" className={button} disabled={total === 0} onClick={() => onStep(delta)} aria-label={`Step +${delta}`}>
          +{delta}
        </button>
      ))}
      <span className="ml-2 font-mono text-xs text-ink-400" data-testid="frame-counter">
        {total ? `frame ${frameNumber(frame, numbering)} of ${total}` : "no frames"}
      </span>
    </div>
  );
}
