"use client";

import { frameNumber } from "@umbra/doc";
import { useFrameNumbering } from "@/lib/frame-numbering";
import { useLivePeers } from "@/lib/studio-context";
import { contentWidth, frameToX, type TimelineScale } from "@/lib/timeline-scale";

/** Name flags closer than this to the end of the chain hang to the left of their line. */
const FLAG_ROOM = 96;

/**
 * Everyone's playheads on one chain, as lines through the ruler and tracks: each
 * person's in their colour with a name flag, yours white with the frame number.
 */
export function PlayheadLines({ scale, total, chainId, frame }: { scale: TimelineScale; total: number; chainId: string; frame: number }) {
  const numbering = useFrameNumbering();
  const peers = useLivePeers();
  const width = contentWidth(scale, total);
  return (
    <div className="pointer-events-none absolute inset-0">
      {peers.map(({ clientId, state }) =>
        state.playhead?.chainId === chainId ? (
          <div
            key={clientId}
            data-testid="remote-playhead"
            title={`${state.user.name}: frame ${frameNumber(state.playhead.frame, numbering)}`}
            className="absolute bottom-0 top-0 w-0.5 -translate-x-1/2"
            style={{ left: frameToX(scale, state.playhead.frame), backgroundColor: state.user.color }}
          >
            <span
              className={`absolute bottom-0.5 whitespace-nowrap px-1 text-[10px] font-medium leading-4 text-black ${frameToX(scale, state.playhead.frame) > width - FLAG_ROOM ? "right-0.5 rounded-l" : "left-0.5 rounded-r"}`}
              style={{ backgroundColor: state.user.color }}
            >
              {state.user.name}
            </span>
          </div>
        ) : null,
      )}
      <div data-testid="playhead" className="absolute bottom-0 top-0 w-0.5 -translate-x-1/2 bg-white shadow-[0_0_6px] shadow-white/60" style={{ left: frameToX(scale, frame) }}>
        <span className="absolute -left-px top-0 -translate-x-1/2 whitespace-nowrap rounded bg-white px-1 font-mono text-[10px] font-semibold leading-4 text-black">{frameNumber(frame, numbering)}</span>
      </div>
    </div>
  );
}
