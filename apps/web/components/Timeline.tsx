"use client";

import { useRef, useState } from "react";
import { FPS_CHOICES, chainFrameCount, keyframeStarts, type Chain, type Fps, type Transition } from "@umbra/doc";
import type { Cursor } from "@umbra/protocol";
import { cursorIn } from "@/lib/cursor-in";
import type { Peer } from "@/lib/use-room-doc";
import { KeyframeCard } from "./KeyframeCard";
import { RemoteCursors } from "./RemoteCursors";
import { TransitionSegment } from "./TransitionSegment";

/**
 * A chain as a filmstrip (one card per keyframe, transitions as wide as their
 * frame counts) over a ruler with everyone's playheads. Scrub on the ruler;
 * drag cards to reorder.
 */
export function Timeline({
  chain,
  frame,
  canEdit,
  peers,
  thumbnailOf,
  onScrub,
  onMoveKeyframe,
  onRemoveKeyframe,
  onRelabelKeyframe,
  snapshots,
  onChainSettings,
  onTransition,
  onCursor,
}: {
  chain: Chain;
  frame: number;
  canEdit: boolean;
  peers: Peer[];
  thumbnailOf: (keyframeIndex: number) => string | undefined;
  onScrub: (frame: number) => void;
  onMoveKeyframe: (keyframeId: string, toIndex: number) => void;
  onRemoveKeyframe: (keyframeId: string) => void;
  onRelabelKeyframe: (keyframeId: string, label: string | null) => void;
  snapshots: string[];
  onChainSettings: (settings: { fps?: Fps; snapshot?: string }) => void;
  onTransition: (fromKeyframeId: string, patch: Partial<Transition>) => void;
  onCursor: (cursor: Cursor | null) => void;
}) {
  const total = chainFrameCount(chain);
  const starts = keyframeStarts(chain);
  const ruler = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const at = (fraction: number) => `${total > 1 ? (fraction / (total - 1)) * 100 : 0}%`;

  const scrubTo = (clientX: number) => {
    const box = ruler.current!.getBoundingClientRect();
    const fraction = Math.min(1, Math.max(0, (clientX - box.left) / box.width));
    onScrub(Math.round(fraction * Math.max(0, total - 1)));
  };

  return (
    <div
      className="relative flex flex-col gap-3 rounded-2xl border border-ink-700 bg-ink-900/60 p-4"
      data-testid="timeline"
      onPointerMove={(event) => onCursor(cursorIn(event, "timeline"))}
      onPointerLeave={() => onCursor(null)}
    >
      <div className="flex flex-wrap items-center gap-3 text-xs text-ink-400">
        <span className="flex items-center gap-2 text-sm font-medium text-white">
          <span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: chain.color }} />
          {chain.name}
        </span>
        <label className="flex items-center gap-1">
          fps
          <select aria-label="Frames per second" disabled={!canEdit} value={chain.fps} onChange={(e) => onChainSettings({ fps: Number(e.target.value) as Fps })} className="rounded bg-ink-950 px-1 text-ink-200">
            {FPS_CHOICES.map((fps) => (
              <option key={fps}>{fps}</option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          snapshot
          <select aria-label="Snapshot" disabled={!canEdit} value={chain.snapshot} onChange={(e) => onChainSettings({ snapshot: e.target.value })} className="rounded bg-ink-950 px-1 text-ink-200">
            {[...new Set([chain.snapshot, ...snapshots])].map((snapshot) => (
              <option key={snapshot}>{snapshot}</option>
            ))}
          </select>
        </label>
        {chain.keyframes.length === 0 && <span>{canEdit ? "Empty chain: add a keyframe." : "Empty chain."}</span>}
      </div>
      <ol className="flex items-stretch gap-0 overflow-x-auto pb-1" aria-label={`Keyframes of ${chain.name}`} data-testid="filmstrip">
        {chain.keyframes.map((keyframe, i) => (
          <li key={keyframe.id} className="flex min-w-0 items-stretch" style={{ flexGrow: i < chain.transitions.length ? chain.transitions[i]!.frames : 0 }}>
            <KeyframeCard
              keyframe={keyframe}
              index={i}
              thumbnail={thumbnailOf(i)}
              canEdit={canEdit}
              active={frame >= starts[i]! && (i === chain.keyframes.length - 1 || frame < starts[i + 1]!)}
              onSelect={() => onScrub(starts[i]!)}
              onRemove={() => onRemoveKeyframe(keyframe.id)}
              onRelabel={(label) => onRelabelKeyframe(keyframe.id, label)}
              onDragStart={() => setDragging(keyframe.id)}
              onDrop={() => {
                if (dragging && dragging !== keyframe.id) onMoveKeyframe(dragging, i);
                setDragging(null);
              }}
            />
            {i < chain.transitions.length && (
              <TransitionSegment transition={chain.transitions[i]!} canEdit={canEdit} onChange={(patch) => onTransition(keyframe.id, patch)} />
            )}
          </li>
        ))}
      </ol>
      <div
        ref={ruler}
        role="slider"
        tabIndex={0}
        aria-label="Playhead"
        aria-valuemin={0}
        aria-valuemax={Math.max(0, total - 1)}
        aria-valuenow={frame}
        data-testid="ruler"
        className="relative h-8 cursor-ew-resize touch-none select-none rounded-md bg-ink-950"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          scrubTo(event.clientX);
        }}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) scrubTo(event.clientX);
        }}
      >
        {starts.map((start, i) => (
          <span key={chain.keyframes[i]!.id} className="absolute top-0 h-2 w-px bg-ink-500" style={{ left: at(start) }} />
        ))}
        {peers.map(({ clientId, state }) =>
          state.playhead?.chainId === chain.id ? (
            <span
              key={clientId}
              data-testid="remote-playhead"
              title={`${state.user.name}: frame ${state.playhead.frame}`}
              className="absolute top-0 h-full w-0.5 opacity-80"
              style={{ left: at(state.playhead.frame), backgroundColor: state.user.color }}
            />
          ) : null,
        )}
        <span className="absolute top-0 h-full w-0.5 bg-white shadow-[0_0_6px] shadow-white/60" style={{ left: at(frame) }} data-testid="playhead" />
        <span className="absolute bottom-1 right-2 font-mono text-[11px] text-ink-400">
          {frame + 1} / {total}
        </span>
      </div>
      <RemoteCursors peers={peers} area="timeline" />
    </div>
  );
}
