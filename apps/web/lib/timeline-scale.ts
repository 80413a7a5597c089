/**
 * The timeline's mapping between frames and pixels. Frame n owns the cell
 * [n·ppf, (n+1)·ppf) after the left inset, and is drawn at the cell's centre, so a
 * transition of N frames spans exactly N·ppf pixels and a click anywhere in a
 * cell lands on that cell's frame.
 */
export interface TimelineScale {
  /** Pixels per frame. */
  ppf: number;
  /** Pixels before frame 0's cell. */
  inset: number;
}

/** Zoom limits: a whole 10,000-frame chain fits a small window; one frame can be as wide as a thumbnail. */
export const MIN_PPF = 0.01;
export const MAX_PPF = 64;

export function clampPpf(ppf: number): number {
  return Math.min(MAX_PPF, Math.max(MIN_PPF, ppf));
}

/** The centre of frame `frame`'s cell. */
export function frameToX(scale: TimelineScale, frame: number): number {
  return scale.inset + (frame + 0.5) * scale.ppf;
}

/** The frame whose cell holds `x`, within a chain of `total` frames. */
export function xToFrame(scale: TimelineScale, x: number, total: number): number {
  const frame = Math.floor((x - scale.inset) / scale.ppf);
  return Math.min(Math.max(0, total - 1), Math.max(0, frame));
}

/** Width of the drawn chain, insets included. */
export function contentWidth(scale: TimelineScale, total: number): number {
  return 2 * scale.inset + Math.max(1, total) * scale.ppf;
}

/** The zoom at which a chain of `total` frames fills `width` pixels. */
export function fitPpf(total: number, width: number, inset: number): number {
  return clampPpf((width - 2 * inset) / Math.max(1, total));
}

/**
 * The zoom after a wheel or slider step, keeping the frame under `anchorX` (a
 * position in the scroll content) where it is on screen: returns the new ppf and
 * how far the scroll must move.
 */
export function zoomAround(scale: TimelineScale, factor: number, anchorX: number): { ppf: number; scrollBy: number } {
  const ppf = clampPpf(scale.ppf * factor);
  const framesIn = (anchorX - scale.inset) / scale.ppf;
  return { ppf, scrollBy: framesIn * (ppf - scale.ppf) };
}

/** Steps between ruler ticks, in frames, for a chain at `fps`: single frames up to minutes. */
function tickSteps(fps: number): number[] {
  const seconds = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200, 3600].map((s) => s * fps);
  const frames = [1, 2, 5, 10].filter((f) => f < fps);
  return [...frames, ...seconds];
}

export interface RulerTick {
  frame: number;
  /** Major ticks carry a label; minor ones are short lines between them. */
  major: boolean;
}

/** Labelled ticks at least `minLabelPx` apart, with minor ticks between, over the visible frames only. */
export function rulerTicks(scale: TimelineScale, total: number, fps: number, visible: { from: number; to: number }, minLabelPx = 72): RulerTick[] {
  const steps = tickSteps(fps);
  const major = steps.find((step) => step * scale.ppf >= minLabelPx) ?? steps.at(-1)!;
  const minor = [...steps].reverse().find((step) => step < major && major % step === 0 && step * scale.ppf >= 8) ?? major;
  const last = Math.min(total - 1, visible.to);
  const ticks: RulerTick[] = [];
  // Never more ticks than fit the visible width: the loop is bounded by pixels, not by frames.
  for (let frame = Math.max(0, Math.floor(visible.from / minor) * minor); frame <= last; frame += minor) ticks.push({ frame, major: frame % major === 0 });
  return ticks;
}
