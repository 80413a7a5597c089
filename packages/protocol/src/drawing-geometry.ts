import type { DrawingObject } from "./comments.js";

/**
 * A drawing object's shape as SVG geometry in 0..1 units, for every renderer (the
 * studio's layer, the printable notes page): the same arrow head and ellipse everywhere.
 */
export type DrawingGeometry =
  | { tag: "polyline"; points: string }
  | { tag: "rect"; x: number; y: number; width: number; height: number }
  | { tag: "ellipse"; cx: number; cy: number; rx: number; ry: number }
  | { tag: "text"; x: number; y: number; text: string };

/** Text size in 0..1 units of the frame. */
export const DRAWING_TEXT_SIZE = 0.045;
/** An arrow head's wings, in 0..1 units of the frame. */
const ARROW_HEAD = 0.035;

export function drawingGeometry(object: DrawingObject): DrawingGeometry {
  const [a, b] = object.points;
  if (object.kind === "stroke") return { tag: "polyline", points: object.points.map(([x, y]) => `${x},${y}`).join(" ") };
  if (object.kind === "text") return { tag: "text", x: a![0], y: a![1], text: object.text ?? "" };
  if (object.kind === "rectangle") return { tag: "rect", x: Math.min(a![0], b![0]), y: Math.min(a![1], b![1]), width: Math.abs(b![0] - a![0]), height: Math.abs(b![1] - a![1]) };
  if (object.kind === "ellipse") return { tag: "ellipse", cx: (a![0] + b![0]) / 2, cy: (a![1] + b![1]) / 2, rx: Math.abs(b![0] - a![0]) / 2, ry: Math.abs(b![1] - a![1]) / 2 };
  // An arrow: the shaft, and a head at its end drawn as two short lines.
  const angle = Math.atan2(b![1] - a![1], b![0] - a![0]);
  const wing = (turn: number) => `${b![0] - ARROW_HEAD * Math.cos(angle + turn)},${b![1] - ARROW_HEAD * Math.sin(angle + turn)}`;
  return { tag: "polyline", points: `${a![0]},${a![1]} ${b![0]},${b![1]} ${wing(0.5)} ${b![0]},${b![1]} ${wing(-0.5)}` };
}
