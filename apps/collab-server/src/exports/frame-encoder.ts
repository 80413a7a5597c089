import type { FrameRecipe } from "@umbra/latent";

/** What every encoder is told before the first frame. */
export interface EncoderSettings {
  /** The temporary file it writes; renamed by the job once finish() returns. */
  path: string;
  width: number;
  height: number;
  fps: number;
  /** How many frames will come. */
  frames: number;
  /** The first frame's number as the room counts frames: file names and sidecars number frames as the studio does. */
  firstNumber: number;
}

/** One rendered frame, in export order. */
export interface ExportFrame {
  /** Its place in the export, from 0. */
  index: number;
  /** The encoded image: a lossless PNG for the PNG sequence, the MP4 and Shadows, else the preview's JPEG (see exportEncoding). */
  image: Uint8Array;
  recipe: FrameRecipe;
  hash: string;
}

/** Turns rendered frames, in order, into one file. */
export interface FrameEncoder {
  /** What made the file, shown in the room (e.g. "ffmpeg (libx264)"). */
  readonly name: string;
  add(frame: ExportFrame): Promise<void>;
  /** Writes what remains: the file is complete when this returns. */
  finish(): Promise<void>;
  /** Stops and lets go of what it holds; the job deletes the partial file. */
  abort(): Promise<void>;
}

/** An export the server will not make, with a message for the person who asked. */
export class ExportRefusal extends Error {}
