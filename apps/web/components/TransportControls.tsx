"use client";

import { frameNumber } from "@umbra/doc";
import { useFrameNumbering } from "@/lib/frame-numbering";
import { usePlayheadValue, useStudio } from "@/lib/studio-context";
import { shallowEqual } from "@/lib/use-store";

/** Marrow's step buttons (±1, ±10, ±100) around play/pause, and the frame counter. */
export function TransportControls() {
  const { playhead } = useStudio();
  const { frame, total, playing } = usePlayheadValue((s) => ({ frame: s.frame, total: s.total, playing: s.playing }), shallowEqual);
  const onStep = (delta: number) => playhead.moveBy(delta);
  const onTogglePlay = () => playhead.togglePlay();
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
