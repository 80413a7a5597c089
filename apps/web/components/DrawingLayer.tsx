"use client";

import { useRef, useState } from "react";
import { COMMENT_LIMITS, DRAWING_TEXT_SIZE, drawingGeometry, type DrawingChange, type DrawingObject } from "@umbra/protocol";
import type { DrawingPen } from "@/lib/drawing-pen";

/** One object as SVG in 0..1 units; line widths stay in screen pixels at any size. */
function Shape({ object, opacity, onErase }: { object: DrawingObject; opacity: number; onErase?: () => void }) {
  const onPointerDown = onErase
    ? (event: React.PointerEvent) => {
        event.stopPropagation();
        onErase();
      }
    : undefined;
  const geometry = drawingGeometry(object);
  if (geometry.tag === "text")
    return (
      <text x={geometry.x} y={geometry.y} fill={object.color} fontSize={DRAWING_TEXT_SIZE} opacity={opacity} data-object={object.id} onPointerDown={onPointerDown} style={onErase ? { cursor: "pointer" } : undefined}>
        {geometry.text}
      </text>
    );
  const { tag: Tag, ...shape } = geometry;
  return (
    <Tag
      {...shape}
      stroke={object.color}
      strokeWidth={object.width}
      strokeLinecap="round"
      strokeLinejoin="round"
      fill="none"
      vectorEffect="non-scaling-stroke"
      opacity={opacity}
      data-object={object.id}
      onPointerDown={onPointerDown}
      style={onErase ? { cursor: "pointer", pointerEvents: "stroke" } : undefined}
    />
  );
}

/**
 * Drawings over the frame: the notes' on this frame at full strength, those a
 * few frames away fading (onion skin). While drawing, the pointer makes objects
 * of the chosen tool on `target`'s note, and the eraser removes what it touches
 * (the server refuses others' objects unless you own the room, and it comes back).
 */
export function DrawingLayer({
  layers,
  target,
  pen,
  onChange,
}: {
  /** Each visible note's objects with the opacity they show at. */
  layers: { threadId: string; objects: DrawingObject[]; opacity: number }[];
  /** The note being drawn on, or null when not drawing. */
  target: string | null;
  pen: DrawingPen;
  onChange: (change: DrawingChange) => void;
}) {
  const svg = useRef<SVGSVGElement>(null);
  const [draft, setDraft] = useState<DrawingObject | null>(null);
  const at = (event: React.PointerEvent): [number, number] => {
    const box = svg.current!.getBoundingClientRect();
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    return [clamp((event.clientX - box.left) / box.width), clamp((event.clientY - box.top) / box.height)];
  };
  const drawing = target !== null && pen.tool !== "eraser";
  return (
    <svg
      ref={svg}
      viewBox="0 0 1 1"
      preserveAspectRatio="none"
      data-testid="drawing-layer"
      className={`absolute inset-0 h-full w-full ${target !== null ? "z-10 cursor-crosshair" : "pointer-events-none"}`}
      onPointerDown={(event) => {
        if (!drawing || !target || pen.tool === "eraser") return;
        event.currentTarget.setPointerCapture(event.pointerId);
        const point = at(event);
        const base = { id: crypto.randomUUID(), color: pen.color, width: pen.width };
        if (pen.tool === "text") {
          if (pen.text.trim()) onChange({ op: "put", threadId: target, object: { ...base, kind: "text", points: [point], text: pen.text.trim() } });
          return;
        }
        setDraft({ ...base, kind: pen.tool, points: pen.tool === "stroke" ? [point] : [point, point] });
      }}
      onPointerMove={(event) => {
        if (!draft) return;
        const point = at(event);
        if (draft.kind !== "stroke") return setDraft({ ...draft, points: [draft.points[0]!, point] });
        const last = draft.points.at(-1)!;
        if (draft.points.length < COMMENT_LIMITS.strokePoints && Math.hypot(point[0] - last[0], point[1] - last[1]) > 0.003) setDraft({ ...draft, points: [...draft.points, point] });
      }}
      onPointerUp={() => {
        if (draft && target) onChange({ op: "put", threadId: target, object: draft });
        setDraft(null);
      }}
    >
      {layers.map((layer) =>
        layer.objects.map((object) => (
          <Shape
            key={`${layer.threadId}-${object.id}`}
            object={object}
            opacity={layer.opacity}
            onErase={target !== null && pen.tool === "eraser" && layer.threadId === target ? () => onChange({ op: "delete", threadId: layer.threadId, objectId: object.id }) : undefined}
          />
        )),
      )}
      {draft && <Shape object={draft} opacity={1} />}
    </svg>
  );
}
