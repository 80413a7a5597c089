"use client";

import { frameNumber, timecode } from "@umbra/doc";
import { useFrameNumbering } from "@/lib/frame-numbering";
import { useRef } from "react";
import { frameToX, rulerTicks, xToFrame, type TimelineScale } from "@/lib/timeline-scale";

/** Half the width of your playhead's number flag, and the width of one character of a tick's label, in pixels. */
const FLAG_HALF_PX = 18;
const LABEL_CHAR_PX = 6.2;

/**
 * The time ruler: ticks labelled in frames and timecode at the chain's fps.
 * Pressing or dragging anywhere on it moves your playhead to the frame under the
 * pointer; with Shift, the drag marks a range for the next note instead.
 */
export function TimelineRuler({
  scale,
  total,
  fps,
  frame,
  visible,
  onScrub,
  onMarkRange,
}: {
  scale: TimelineScale;
  total: number;
  fps: number;
  frame: number;
  visible: { from: number; to: number };
  onScrub: (frame: number) => void;
  onMarkRange: (from: number, to: number) => void;
}) {
  const numbering = useFrameNumbering();
  const marking = useRef<number | null>(null);
  const playheadX = frameToX(scale, frame);
  // A label the playhead's number would cover is left out; its tick stays.
  const clearOfPlayhead = (x: number, label: string) => x + 4 > playheadX + FLAG_HALF_PX || x + 4 + label.length * LABEL_CHAR_PX < playheadX - FLAG_HALF_PX;
  const frameUnder = (event: React.PointerEvent<HTMLDivElement>) => xToFrame(scale, event.clientX - event.currentTarget.getBoundingClientRect().left, total);
  const scrubTo = (event: React.PointerEvent<HTMLDivElement>) => {
    if (marking.current !== null) onMarkRange(marking.current, frameUnder(event));
    else onScrub(frameUnder(event));
  };
  return (
    <div
      role="slider"
      tabIndex={0}
      aria-label="Playhead"
      aria-valuemin={0}
      aria-valuemax={Math.max(0, total - 1)}
      aria-valuenow={frame}
      aria-valuetext={`frame ${frameNumber(frame, numbering)} of ${total}, ${timecode(frame, fps, numbering)}`}
      data-testid="ruler"
      className="relative h-7 cursor-ew-resize touch-none select-none border-b border-ink-700 bg-ink-950/80"
      onPointerDown={(event) => {
        event.currentTarget.setPointerCapture(event.pointerId);
        marking.current = event.shiftKey ? frameUnder(event) : null;
        scrubTo(event);
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) scrubTo(event);
      }}
    >
      {rulerTicks(scale, total, fps, visible).map(({ frame: at, major }) => {
        const x = frameToX(scale, at);
        const number = String(frameNumber(at, numbering));
        const time = timecode(at, fps, numbering);
        return (
          <span key={at} className="pointer-events-none absolute bottom-0" style={{ left: x }}>
            <span className={`absolute bottom-0 w-px ${major ? "h-3 bg-ink-400" : "h-1.5 bg-ink-600"}`} />
            {major && clearOfPlayhead(x, `${number} ${time}`) && (
              <span className="absolute bottom-3 left-1 whitespace-nowrap font-mono text-[10px] leading-none text-ink-400">
                {number}
                <span className="ml-1 text-ink-500">{time}</span>
              </span>
            )}
          </span>
        );
      })}
    </div>
  );
}
