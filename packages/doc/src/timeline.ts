import { ease, seedFrameRecipe, type FrameRecipe } from "@umbra/latent";
import { DEFAULT_FRAME_NUMBERING, type Chain, type FrameNumbering } from "./schema.js";

/**
 * Frames of a chain: every transition's frames, then one last frame showing the
 * final keyframe. A single keyframe is one frame; no keyframes, none.
 */
export function chainFrameCount(chain: Pick<Chain, "keyframes" | "transitions">): number {
  if (chain.keyframes.length === 0) return 0;
  return chain.transitions.slice(0, chain.keyframes.length - 1).reduce((sum, t) => sum + t.frames, 0) + 1;
}

/** Where a global frame index falls: the transition, and t within it before easing. */
export interface FramePosition {
  /** Index of the transition (= its source keyframe); the last keyframe for the final frame. */
  transition: number;
  /** Frame index within the transition, 0-based. */
  local: number;
  /** local / frames, in [0, 1). 0 for the final frame. */
  t: number;
}

/** Maps a global frame index (clamped to the chain) to its transition and local t. */
export function locateFrame(chain: Pick<Chain, "keyframes" | "transitions">, index: number): FramePosition | null {
  const total = chainFrameCount(chain);
  if (total === 0) return null;
  let rest = Math.min(total - 1, Math.max(0, Math.floor(index)));
  for (let i = 0; i < chain.keyframes.length - 1; i++) {
    const frames = chain.transitions[i]!.frames;
    if (rest < frames) return { transition: i, local: rest, t: rest / frames };
    rest -= frames;
  }
  return { transition: chain.keyframes.length - 1, local: 0, t: 0 };
}

/** The first global frame index of each keyframe (where its outgoing transition starts). */
export function keyframeStarts(chain: Pick<Chain, "keyframes" | "transitions">): number[] {
  const starts: number[] = [];
  let at = 0;
  for (let i = 0; i < chain.keyframes.length; i++) {
    starts.push(at);
    at += chain.transitions[i]?.frames ?? 0;
  }
  return starts;
}

/** The room's own settings as recipe overrides: its default ψ, when it has one. */
export function roomRecipeOverrides(roomTruncation: number | null): Partial<FrameRecipe> {
  return roomTruncation === null ? {} : { truncation: roomTruncation };
}

/** The recipe of a chain's frame: its transition's endpoints, eased t, interpolation and ψ. */
export function frameRecipeAt(chain: Chain, index: number, model: string, overrides: Partial<FrameRecipe> = {}): FrameRecipe | null {
  const at = locateFrame(chain, index);
  if (!at) return null;
  const source = chain.keyframes[at.transition]!;
  const transition = chain.transitions[at.transition];
  const destination = transition ? chain.keyframes[at.transition + 1]! : source;
  const base = seedFrameRecipe(model, 0, { snapshot: chain.snapshot, ...overrides });
  return {
    ...base,
    from: source.latent,
    to: destination.latent,
    // Absent mixes stay absent, so frames without one keep the hashes they always had.
    ...(source.mix ? { fromMix: source.mix } : {}),
    ...(destination.mix ? { toMix: destination.mix } : {}),
    t: transition ? ease(transition.easing, at.t) : 0,
    interpolation: transition?.interpolation ?? base.interpolation,
    truncation: transition?.truncation ?? base.truncation,
  };
}

/**
 * A frame's number as the room counts it (0- or 1-based), from its index in the
 * chain. Every place a person reads a frame number goes through here.
 */
export function frameNumber(index: number, numbering: FrameNumbering = DEFAULT_FRAME_NUMBERING): number {
  return index + numbering.firstFrame;
}

/** The chain index of a frame number as the room counts it. */
export function frameIndex(number: number, numbering: FrameNumbering = DEFAULT_FRAME_NUMBERING): number {
  return number - numbering.firstFrame;
}

/**
 * A frame's timecode at `fps` from the room's start timecode: m:ss:ff, or h:mm:ss:ff
 * from the first hour on, with ff the frame within the second, as editors write it.
 * The first frame is the start timecode whatever number it carries.
 */
export function timecode(index: number, fps: number, numbering: FrameNumbering = DEFAULT_FRAME_NUMBERING): string {
  const frames = numbering.timecodeStart * fps + index;
  const seconds = Math.floor(frames / fps);
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = hours > 0 ? `${hours}:${pad(minutes % 60)}` : `${minutes}`;
  return `${clock}:${pad(seconds % 60)}:${pad(frames % fps)}`;
}

/** "frame 43 · 0:01:18", the way notes, shot lists and the studio name a frame. */
export function frameWhere(index: number, fps: number, numbering: FrameNumbering = DEFAULT_FRAME_NUMBERING): string {
  return `frame ${frameNumber(index, numbering)} · ${timecode(index, fps, numbering)}`;
}
