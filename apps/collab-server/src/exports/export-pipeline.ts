import { recipeHash, type FrameRecipe } from "@umbra/latent";
import type { ExportJob } from "@umbra/protocol";
import type { FrameHub } from "../frames/frame-hub.js";
import type { LatentMapper } from "../frames/latent-mapper.js";
import { AviWriter } from "./avi-writer.js";
import { ExportFrameFeed, exportRequesterId, type ExportFrameRouter } from "./export-frame-feed.js";
import { FfmpegMp4Writer } from "./ffmpeg-mp4-writer.js";
import type { EncoderSettings, FrameEncoder } from "./frame-encoder.js";
import type { Mp4EncoderChoice } from "./mp4-encoder-choice.js";
import { WNpyWriter } from "./w-npy-writer.js";

/** One export's way from recipes to a file, an item (frame or latent) at a time. */
export interface ExportPipeline {
  /** What makes the file, shown in the room. */
  readonly name: string;
  /** Puts the next item into the file. */
  step(): Promise<void>;
  /** Completes the file. */
  finish(): Promise<void>;
  /** Wakes a step that waits (a cancel or a shutdown), so it throws. */
  interrupt(): void;
  /** Lets go of everything; the partial file is the caller's to delete. */
  abort(): Promise<void>;
}

export interface PipelineDeps {
  hub: FrameHub;
  router: ExportFrameRouter;
  mapper: LatentMapper;
  mp4: Mp4EncoderChoice;
}

/**
 * How an export asks for its frames: PNG, the generator's pixels exactly, for what an
 * animator works from (the PNG sequence and the MP4). The AVI's Motion JPEG frames are
 * JPEGs anyway, so it takes the previews' own. GIF and WebP, for sharing, quantise or
 * compress lossily themselves and hold every frame until the end: a colour frame at
 * 512² is about 300 kB as PNG and 25 kB as JPEG (measured on both built-in models),
 * so they take JPEGs, except in Shadows, whose PNGs are about 1 kB and keep the edges
 * an animator traces free of JPEG ringing. Per-frame w has no pixels: its recipes stay
 * the studio's.
 */
export function exportEncoding(settings: Pick<ExportJob["settings"], "format" | "view">): FrameRecipe["encoding"] {
  const { format, view } = settings;
  if (format === "png-zip" || format === "mp4") return "png";
  return (format === "gif" || format === "webp") && view === "shadows" ? "png" : undefined;
}

/** Latents asked of a worker at once, for per-frame w. */
const W_BATCH = 32;

/**
 * The encoders built on sharp (libvips) and the WebAssembly H.264 encoder are loaded on
 * the first export that needs them: together they hold some 45 MB once loaded, which an
 * idle server (npm start on a laptop) should not.
 */
async function openEncoder(format: ExportJob["settings"]["format"], settings: EncoderSettings, mp4: Mp4EncoderChoice): Promise<FrameEncoder> {
  switch (format) {
    case "avi":
      return AviWriter.create(settings);
    case "png-zip":
      return new (await import("./png-zip-writer.js")).PngZipWriter(settings);
    case "mp4":
      return mp4.kind === "ffmpeg" ? new FfmpegMp4Writer(mp4.path, settings) : (await import("./wasm-mp4-writer.js")).WasmMp4Writer.create(settings);
    case "gif":
    case "webp":
      return new (await import("./animated-image-writer.js")).AnimatedImageWriter(format, settings);
    case "w-npy":
      throw new Error("per-frame w has no frame encoder; it takes the latent pipeline");
  }
}

/** Rendered frames, through the frame hub (cache, dedupe, workers), into a video or image encoder. */
async function framePipeline({ hub, router, mp4 }: PipelineDeps, job: ExportJob, recipes: readonly FrameRecipe[], firstNumber: number, path: string): Promise<ExportPipeline> {
  const requesterId = exportRequesterId(job.id);
  const feed = new ExportFrameFeed(hub, { socketId: requesterId, roomId: job.roomId }, recipes);
  const release = () => {
    feed.close();
    router.remove(requesterId);
  };
  router.add(requesterId, feed);
  const { size, fps, format } = job.settings;
  let encoder: FrameEncoder;
  try {
    encoder = await openEncoder(format, { path, width: size, height: size, fps, frames: recipes.length, firstNumber }, mp4);
  } catch (error) {
    release();
    throw error;
  }
  return {
    name: encoder.name,
    step: async () => encoder.add(await feed.nextFrame()),
    finish: async () => {
      try {
        await encoder.finish();
      } finally {
        release();
      }
    },
    interrupt: () => feed.failed({ code: "INTERNAL", message: "cancelled" }),
    abort: async () => {
      try {
        await encoder.abort();
      } finally {
        release();
      }
    },
  };
}

/** Each frame's w, asked of a worker in batches, into w.npy and its sidecar. */
function latentPipeline({ mapper }: PipelineDeps, recipes: readonly FrameRecipe[], firstNumber: number, path: string): ExportPipeline {
  let next = 0;
  let batch: Float32Array[] = [];
  let writer: WNpyWriter | null = null;
  let interrupted = false;
  return {
    name: "w-npy (the model's mapping network)",
    step: async () => {
      if (batch.length === 0) batch = await mapper.map(recipes.slice(next, next + W_BATCH));
      if (interrupted) throw new Error("cancelled");
      const w = batch.shift()!;
      // The w size is the model's, known from its first answer.
      writer ??= new WNpyWriter(path, recipes.length, w.length, firstNumber);
      await writer.add(w, recipes[next]!, recipeHash(recipes[next]!));
      next++;
    },
    finish: async () => {
      if (!writer) throw new Error("no w was written");
      await writer.finish(recipes[0]!.model, recipes[0]!.snapshot);
    },
    interrupt: () => {
      interrupted = true;
    },
    abort: async () => {
      await writer?.abort();
    },
  };
}

/** `firstNumber`: the number of the export's first frame as the room counts frames. */
export async function openPipeline(deps: PipelineDeps, job: ExportJob, recipes: readonly FrameRecipe[], firstNumber: number, path: string): Promise<ExportPipeline> {
  return job.settings.format === "w-npy" ? latentPipeline(deps, recipes, firstNumber, path) : framePipeline(deps, job, recipes, firstNumber, path);
}
