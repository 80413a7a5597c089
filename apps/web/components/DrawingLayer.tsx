"use client";

import { useRef, useState } from "react";
import { COMMENT_LIMITS, type DrawingChange, type DrawingObject } from "@umbra/protocol";
import type { DrawingPen } from "@/lib/drawing-pen";

/** One object as SVG in 0..1 units; line widths stay in screen pixels at any size. */
function Shape({ object, opacity, onErase }: { object: DrawingObject; opacity: number; onErase?: () => void }) {
  const [a, b] = object.points;
  const common = {
    stroke: object.color,
    strokeWidth: object.width,
    fill: "none",
    vectorEffect: "non-scaling-stroke" as const,
    opacity,
    "data-object": object.id,
    onPointerDown: onErase
      ? (event: React.PointerEvent) => {
          event.stopPropagation();
          onErase();
        }
      : undefined,
    style: onErase ? { cursor: "pointer", pointerEvents: "stroke" as const } : undefined,
  };
  if (object.kind === "stroke") return <polyline points={object.points.map(([x, y]) => `${x},${y}`).join(" ")} strokeLinecap="round" strokeLinejoin="round" {...common} />;
  if (object.kind === "text")
    return (
      <text x={a![0]} y={a![1]} fill={object.color} fontSize={0.045} opacity={opacity} data-object={object.id} onPointerDown={common.onPointerDown} style={onErase ? { cursor: "pointer" } : undefined}>
        {object.text}
      </text>
    );
  if (object.kind === "rectangle") return <rect x={Math.min(a![0], b![0])} y={Math.min(a![1], b![1])} width={Math.abs(b![0] - a![0])} height={Math.abs(b![1] - a![1])} {...common} />;
  if (object.kind === "ellipse") return <ellipse cx={(a![0] + b![0]) / 2} cy={(a![1] + b![1]) / 2} rx={Math.abs(b![0] - a![0]) / 2} ry={Math.abs(b![1] - a![1]) / 2} {...common} />;
  // An arrow: the shaft, and a head at its end drawn as two short lines.
  const angle = Math.atan2(b![1] - a![1], b![0] - a![0]);
  const head = 0.035;
  const wing = (turn: number) => `${b![0] - head * Math.cos(angle + turn)},${b![1] - head * Math.sin(angle + turn)}`;
  return <polyline points={`${a![0]},${a![1]} ${b![0]},${b![1]} ${wing(0.5)} ${b![0]},${b![1]} ${wing(-0.5)}`} strokeLinecap="round" strokeLinejoin="round" {...common} />;
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
