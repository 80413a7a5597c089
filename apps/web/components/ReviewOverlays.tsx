"use client";

import { useEffect } from "react";
import { frameNumber, timecode, type Chain } from "@umbra/doc";
import { useFrameNumbering } from "@/lib/frame-numbering";
import type { Review } from "@/lib/use-review";
import { DrawingLayer } from "./DrawingLayer";
import { DrawingToolbar } from "./DrawingToolbar";
import { NoteComposer } from "./NoteComposer";
import { NoteSpots } from "./NoteSpots";

/** What review puts over the frame: spot pins of this frame's notes, drawings (with onion skin), drawing tools, and the note being written. */
export function ReviewOverlays({ review, chain, frame, myColor }: { review: Review; chain: Chain | null; frame: number; myColor: string }) {
  const { composing } = review;
  const numbering = useFrameNumbering();
  const target = review.drawingOn(frame);
  const { layers, toLoad } = review.drawingsAt(chain?.id ?? null, frame);
  // The drawings that show here load with their notes; a string, so the effect runs when that set changes.
  const missing = toLoad.join("\n");
  const { want } = review.threads;
  useEffect(() => {
    if (missing) want(missing.split("\n"));
  }, [missing, want]);
  const spots = [
    ...review.notes
      .filter((n) => n.frame === frame && n.thread.anchor.chainId === chain?.id && n.thread.spot)
      .map((n) => ({ id: n.thread.id, spot: n.thread.spot!, color: n.thread.author.color })),
    ...(composing?.spot ? [{ id: "new", spot: composing.spot, color: myColor }] : []),
  ];
  return (
    <>
      <NoteSpots spots={spots} />
      <DrawingLayer layers={layers} target={target} pen={review.pen} onChange={review.draw} />
      {target !== null && (
        <DrawingToolbar pen={review.pen} onion={review.onion} canUndo={review.undoStroke !== null} onPen={review.setPen} onOnion={review.setOnion} onUndo={() => review.undoStroke?.()} onDone={review.toggleDrawing} />
      )}
      {composing && chain && (
        <NoteComposer
          where={`frame ${frameNumber(frame, numbering)}${composing.end !== null && composing.end > frame ? `–${frameNumber(composing.end, numbering)}` : ""} · ${timecode(frame, chain.fps, numbering)}${composing.spot ? " · spot" : ""}`}
          members={review.members}
          onPost={review.post}
          onCancel={review.cancelNote}
        />
      )}
    </>
  );
}
