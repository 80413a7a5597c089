import type { Easing, Interpolation, LatentRef, StyleMix } from "@umbra/latent";

/**
 * Version of the document layout; `migrateRoomDoc` brings older documents up to it.
 * v2 added w latents (`{ w }`) and keyframe style mixes, which a v1 reader cannot show.
 */
export const DOC_SCHEMA_VERSION = 2;

export const FPS_CHOICES = [12, 24, 25, 30] as const;
export type Fps = (typeof FPS_CHOICES)[number];

/** Frames in a new transition: Marrow's default step count. */
export const DEFAULT_TRANSITION_FRAMES = 60;
export const MAX_TRANSITION_FRAMES = 10_000;
export const MAX_LABEL_LENGTH = 80;
export const MAX_ID_LENGTH = 64;
export const MAX_SNAPSHOT_LENGTH = 200;
/** ψ: 0 gives the average image, 1 the untruncated distribution; above 1 exaggerates. */
export const MAX_TRUNCATION = 2;
/** Bounds on what one room holds, so no reader loops or allocates by a number a client chose. */
export const MAX_CHAINS = 200;
export const MAX_KEYFRAMES_PER_CHAIN = 1000;

/**
 * How a room counts frames: the number of its first frame (0 or 1), and the timecode
 * of that frame in whole seconds (editors' "start timecode", e.g. 3600 for 1:00:00:00).
 * The studio, notes, shot lists, export ranges, file names and sidecars all count so.
 */
export interface FrameNumbering {
  firstFrame: FirstFrame;
  timecodeStart: number;
}
export const FIRST_FRAME_CHOICES = [0, 1] as const;
export type FirstFrame = (typeof FIRST_FRAME_CHOICES)[number];
/** Frames count from 1, as the animators' tools (TVPaint, Harmony, Blender) and "frame 1 of 85" do. */
export const DEFAULT_FRAME_NUMBERING: FrameNumbering = { firstFrame: 1, timecodeStart: 0 };
/** The latest start timecode: 23:59:59. */
export const MAX_TIMECODE_START = 24 * 3600 - 1;

export const CHAIN_COLORS = ["#a497f9", "#f472b6", "#38bdf8", "#4ade80", "#facc15", "#fb923c"] as const;

/**
 * A point of a chain. The latent is a seed, an explicit z as base64 float32 (imported
 * latents), or a w (nudged along directions). A mix takes some style layers from another latent.
 */
export interface Keyframe {
  id: string;
  label: string | null;
  latent: LatentRef;
  mix?: StyleMix;
}

/** The move from one keyframe to the next. */
export interface Transition {
  /** Marrow's "steps": frames from this keyframe up to (not including) the next. */
  frames: number;
  interpolation: Interpolation;
  easing: Easing;
  /** ψ for this transition; null uses the room default. */
  truncation: number | null;
}

export const DEFAULT_TRANSITION: Transition = { frames: DEFAULT_TRANSITION_FRAMES, interpolation: "slerp", easing: "linear", truncation: null };

export interface Chain {
  id: string;
  name: string;
  color: string;
  /** The model snapshot it renders with. */
  snapshot: string;
  fps: Fps;
  keyframes: Keyframe[];
  /** transitions[i] goes from keyframes[i] to keyframes[i + 1]. */
  transitions: Transition[];
}
