"use client";

import type { DrawingPen, DrawingTool } from "@/lib/drawing-pen";

const TOOLS: { tool: DrawingTool; label: string }[] = [
  { tool: "stroke", label: "Pen" },
  { tool: "arrow", label: "Arrow" },
  { tool: "rectangle", label: "Rectangle" },
  { tool: "ellipse", label: "Ellipse" },
  { tool: "text", label: "Text" },
  { tool: "eraser", label: "Eraser" },
];
const COLOURS = ["#ff5a5f", "#ffd166", "#06d6a0", "#4cc9f0", "#ffffff", "#111111"];

/** Drawing mode's tools: pen, shapes, text and eraser, colour and width, undo of your own last object, onion skin, done. */
export function DrawingToolbar({
  pen,
  onion,
  canUndo,
  onPen,
  onOnion,
  onUndo,
  onDone,
}: {
  pen: DrawingPen;
  onion: number;
  canUndo: boolean;
  onPen: (pen: DrawingPen) => void;
  onOnion: (frames: number) => void;
  onUndo: () => void;
  onDone: () => void;
}) {
  const button = "rounded px-2 py-0.5 text-xs text-ink-200 hover:bg-ink-700 aria-pressed:bg-accent-500 aria-pressed:text-white disabled:opacity-40";
  return (
    <div role="toolbar" aria-label="Drawing tools" className="absolute left-3 right-3 top-3 z-20 flex flex-wrap items-center gap-1 rounded-xl border border-ink-700 bg-ink-900/95 p-1.5 shadow-xl backdrop-blur" data-testid="drawing-toolbar">
      {TOOLS.map(({ tool, label }) => (
        <button key={tool} type="button" aria-pressed={pen.tool === tool} onClick={() => onPen({ ...pen, tool })} className={button}>
          {label}
        </button>
      ))}
      {pen.tool === "text" && (
        <input aria-label="Text to place" value={pen.text} maxLength={500} onChange={(e) => onPen({ ...pen, text: e.target.value })} placeholder="text, then click the frame" className="w-40 rounded bg-ink-950 px-1.5 py-0.5 text-xs text-white" />
      )}
      <span className="mx-1 h-4 w-px bg-ink-700" />
      {COLOURS.map((color) => (
        <button key={color} type="button" aria-label={`Colour ${color}`} aria-pressed={pen.color === color} onClick={() => onPen({ ...pen, color })} className="h-4 w-4 rounded-full border border-ink-500 aria-pressed:ring-2 aria-pressed:ring-white" style={{ backgroundColor: color }} />
      ))}
      <label className="flex items-center gap-1 text-[11px] text-ink-400">
        width
        <input type="range" aria-label="Line width" min={1} max={12} value={pen.width} onChange={(e) => onPen({ ...pen, width: Number(e.target.value) })} className="w-16 accent-accent-500" />
      </label>
      <label className="flex items-center gap-1 text-[11px] text-ink-400" title="Drawings fade over this many frames either side">
        onion ±
        <input type="number" aria-label="Onion skin frames" min={0} max={12} value={onion} onChange={(e) => onOnion(Math.min(12, Math.max(0, Math.round(Number(e.target.value) || 0))))} className="w-10 rounded bg-ink-950 px-1 text-xs text-white" />
      </label>
      <button type="button" disabled={!canUndo} onClick={onUndo} className={button}>
        Undo stroke
      </button>
      <button type="button" onClick={onDone} className={`${button} ml-auto bg-ink-700`}>
        Done (D)
      </button>
    </div>
  );
}
