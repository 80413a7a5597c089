"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { FPS_CHOICES, chainFrameCount, keyframeStarts, locateFrame, type Chain, type Fps, type Transition } from "@umbra/doc";
import type { Cursor } from "@umbra/protocol";
import { cursorIn } from "@/lib/cursor-in";
import { MAX_PPF, MIN_PPF, contentWidth, frameToX, xToFrame } from "@/lib/timeline-scale";
import { TIMELINE_INSET, useTimelineZoom } from "@/lib/use-timeline-zoom";
import { usePlayheadValue, useStudio } from "@/lib/studio-context";
import { useHeldFrames } from "@/lib/use-held-frames";
import { KeyframeCard } from "./KeyframeCard";
import { KeyframeInspector } from "./KeyframeInspector";
import { NotePins } from "./NotePins";
import { PlayheadLines } from "./PlayheadLines";
import { RemoteCursors } from "./RemoteCursors";
import { TimelineRuler } from "./TimelineRuler";
import { TransitionBar } from "./TransitionBar";
import { TransitionInspector } from "./TransitionInspector";

/** Largest keyframe thumbnail on the track; they shrink to fit between close keyframes. */
const MAX_THUMB = 64;
const MIN_THUMB = 24;

/**
 * A chain drawn to scale: a ruler in frames and timecode, keyframes at their true
 * frames, transitions spanning their true lengths, and everyone's playheads.
 * Zoom with Ctrl/⌘ + wheel or the slider; press anywhere on the ruler or a
 * transition to move your playhead to that frame.
 */
export function Timeline({ chain }: { chain: Chain }) {
  const { canEdit, doc, selection, review, model, keyframes, frames, playhead, share, openNote } = useStudio();
  const frame = usePlayheadValue((s) => s.frame);
  const names = useMemo(() => keyframes.map((k) => k.name), [keyframes]);
  const hashes = useMemo(() => keyframes.map((k) => k.hash), [keyframes]);
  const thumbnails = useHeldFrames(frames.store, hashes);
  const thumbnailOf = (i: number) => thumbnails[i]?.url;
  const { selectedId, renaming, select: onSelect, setRenaming: onRenaming } = selection;
  const { roomTruncation } = doc;
  // Review notes on this chain, pinned under the ruler.
  const notes = useMemo(() => review.notes.filter((n) => n.thread.anchor.chainId === chain.id), [review.notes, chain.id]);
  const selectedNoteId = review.selected?.thread.id ?? null;
  // The range marked for the next note (I/O, or Shift+drag on the ruler).
  const { marked, markRange: onMarkRange } = review;
  const { snapshots } = model;
  const onOpenNote = openNote;
  const onScrub = (n: number) => playhead.moveTo(n);
  const onMoveKeyframe = (id: string, to: number) => doc.room?.moveKeyframe(chain.id, id, to);
  const onRemoveKeyframe = (id: string) => (selection.commands && id === selectedId ? selection.commands.remove() : doc.room?.removeKeyframe(chain.id, id));
  const onRelabelKeyframe = (id: string, label: string | null) => doc.room?.relabelKeyframe(chain.id, id, label);
  const onChainSettings = ({ fps, snapshot }: { fps?: Fps; snapshot?: string }) =>
    doc.room?.batch(() => {
      if (fps !== undefined) doc.room?.setChainFps(chain.id, fps);
      if (snapshot !== undefined) doc.room?.setChainSnapshot(chain.id, snapshot);
    });
  const onTransition = (id: string, patch: Partial<Transition>) => doc.room?.setTransition(chain.id, id, patch);
  const onCursor = (cursor: Cursor | null) => share({ cursor });
  const total = chainFrameCount(chain);
  const starts = keyframeStarts(chain);
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const zoom = useTimelineZoom(scroller, total);
  const { scale } = zoom;
  const [dragging, setDragging] = useState<string | null>(null);
  const transitions = chain.transitions.slice(0, Math.max(0, chain.keyframes.length - 1));
  // The transition under the playhead (the last one on the chain's final frame).
  const current = transitions.length === 0 ? null : Math.min(transitions.length - 1, locateFrame(chain, frame)?.transition ?? 0);
  const selectedIndex = chain.keyframes.findIndex((k) => k.id === selectedId);
  const selected = selectedIndex >= 0 ? chain.keyframes[selectedIndex]! : null;

  // Keep your playhead in view as it moves (playing, stepping, following).
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const x = frameToX(scale, frame);
    if (x < element.scrollLeft + 16 || x > element.scrollLeft + element.clientWidth - 16) element.scrollLeft = x - element.clientWidth / 3;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `scale` is a new object each render; only its zoom moves the playhead on screen
  }, [frame, scale.ppf]);

  const frameAt = (clientX: number) => xToFrame(scale, clientX - content.current!.getBoundingClientRect().left, total);
  const gapAfter = (i: number) => (i < starts.length - 1 ? (starts[i + 1]! - starts[i]!) * scale.ppf : Infinity);
  const gapAround = (i: number) => Math.min(i > 0 ? gapAfter(i - 1) : Infinity, gapAfter(i));
  const last = starts.length - 1;
  /**
   * How far a keyframe's name may reach: on towards the next keyframe, and for the last
   * one back towards the one before (it ends at the chain's end); those two share their gap.
   */
  const labelWidthOf = (i: number, size: number) => {
    const room = i === last ? (i > 0 ? gapAfter(i - 1) / 2 + size / 2 : 2 * TIMELINE_INSET) : i === last - 1 ? gapAfter(i) / 2 + size / 2 : gapAfter(i);
    return Math.round(Math.min(180, Math.max(size, room - 8)));
  };

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="timeline">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-ink-800 px-3 py-1.5 text-xs text-ink-400">
        <span className="flex min-w-0 items-center gap-2 text-sm font-medium text-white">
          <span aria-hidden className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: chain.color }} />
          <span className="max-w-48 truncate" title={chain.name}>
            {chain.name}
          </span>
        </span>
        <label className="flex items-center gap-1">
          fps
          <select aria-label="Frames per second" disabled={!canEdit} value={chain.fps} onChange={(e) => onChainSettings({ fps: Number(e.target.value) as Fps })} className="rounded bg-ink-950 px-1 text-ink-200 disabled:cursor-not-allowed disabled:text-ink-500 disabled:opacity-50">
            {FPS_CHOICES.map((fps) => (
              <option key={fps}>{fps}</option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          snapshot
          <select aria-label="Snapshot" disabled={!canEdit} value={chain.snapshot} onChange={(e) => onChainSettings({ snapshot: e.target.value })} className="max-w-40 rounded bg-ink-950 px-1 text-ink-200 disabled:cursor-not-allowed disabled:text-ink-500 disabled:opacity-50">
            {[...new Set([chain.snapshot, ...snapshots])].map((snapshot) => (
              <option key={snapshot}>{snapshot}</option>
            ))}
          </select>
        </label>
        {chain.keyframes.length === 0 && <span>{canEdit ? "Empty chain: add a keyframe." : "Empty chain."}</span>}
        {current !== null && (
          <TransitionInspector
            key={chain.keyframes[current]!.id}
            index={current}
            transition={transitions[current]!}
            roomTruncation={roomTruncation}
            canEdit={canEdit}
            onChange={(patch) => onTransition(chain.keyframes[current]!.id, patch)}
          />
        )}
        {selected && (
          <KeyframeInspector
            keyframe={selected}
            name={names[selectedIndex]!}
            index={selectedIndex}
            count={chain.keyframes.length}
            canEdit={canEdit}
            renaming={renaming}
            onRenaming={onRenaming}
            onRelabel={(label) => onRelabelKeyframe(selected.id, label)}
            onMove={(to) => onMoveKeyframe(selected.id, to)}
            onRemove={() => onRemoveKeyframe(selected.id)}
          />
        )}
        <span className="ml-auto flex shrink-0 items-center gap-2">
        <label className="flex items-center gap-2">
          zoom
          <input
            type="range"
            aria-label="Timeline zoom"
            min={Math.log(MIN_PPF)}
            max={Math.log(MAX_PPF)}
            step={0.01}
            value={Math.log(scale.ppf)}
            onChange={(e) => zoom.setPpf(Math.exp(Number(e.target.value)))}
            className="w-28 accent-accent-500"
          />
        </label>
        <button type="button" onClick={zoom.fit} disabled={zoom.fitted} className="rounded border border-ink-600 px-1.5 py-0.5 text-[11px] text-ink-200 enabled:hover:border-accent-500 disabled:opacity-40">
          Fit
        </button>
        </span>
      </div>
      <div ref={scroller} className="relative min-h-0 flex-1 overflow-x-auto overflow-y-auto" data-testid="timeline-scroll">
        <div
          ref={content}
          // Hidden, not squeezed to nothing, until the width is known (the page as the server made it).
          className={`relative min-h-full ${zoom.measured ? "" : "invisible"}`}
          style={{ width: contentWidth(scale, total) }}
          onPointerMove={(event) => onCursor(cursorIn(event, "timeline"))}
          onPointerLeave={() => onCursor(null)}
        >
          <TimelineRuler scale={scale} total={total} fps={chain.fps} frame={frame} visible={zoom.visible} onScrub={onScrub} onMarkRange={onMarkRange} />
          <NotePins scale={scale} notes={notes} selectedId={selectedNoteId} marked={marked} onOpen={onOpenNote} />
          <ol className="relative h-[88px]" aria-label={`Keyframes of ${chain.name}`} data-testid="filmstrip">
            {chain.keyframes.map((keyframe, i) => {
              const gap = gapAround(i);
              const size = Math.round(Math.min(MAX_THUMB, Math.max(MIN_THUMB, gap - 8)));
              return (
                <li key={keyframe.id}>
                  <KeyframeCard
                    keyframe={keyframe}
                    name={names[i]!}
                    index={i}
                    thumbnail={thumbnailOf(i)}
                    centre={frameToX(scale, starts[i]!)}
                    size={size}
                    labelWidth={labelWidthOf(i, size)}
                    alignEnd={i > 0 && i === starts.length - 1}
                    canEdit={canEdit}
                    selected={keyframe.id === selectedId}
                    onSelect={() => onSelect(keyframe.id)}
                    onGo={() => {
                      onSelect(keyframe.id);
                      onScrub(starts[i]!);
                    }}
                    onDragStart={() => setDragging(keyframe.id)}
                    onDrop={() => {
                      if (dragging && dragging !== keyframe.id) onMoveKeyframe(dragging, i);
                      setDragging(null);
                    }}
                  />
                </li>
              );
            })}
          </ol>
          <div className="relative h-8">
            {transitions.map((transition, i) => (
              <TransitionBar
                key={chain.keyframes[i]!.id}
                index={i}
                transition={transition}
                left={frameToX(scale, starts[i]!)}
                width={transition.frames * scale.ppf}
                current={i === current}
                roomTruncation={roomTruncation}
                onPress={(clientX) => onScrub(frameAt(clientX))}
              />
            ))}
          </div>
          {/* Others' name flags hang in this row, under everything they could cover. */}
          <div className="h-5" aria-hidden />
          <PlayheadLines scale={scale} total={total} chainId={chain.id} frame={frame} />
          <RemoteCursors area="timeline" />
        </div>
      </div>
    </div>
  );
}
