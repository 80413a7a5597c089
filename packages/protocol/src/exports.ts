import { z } from "zod";
import { VIEWS } from "@umbra/latent";
import { resultSchema, type Result } from "./result.js";

/** Video and image-sequence exports the server renders and stores. */
export const EXPORT_FORMATS = ["mp4", "avi", "png-zip", "gif", "webp", "w-npy"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What each format is, for people choosing one. */
export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  mp4: "MP4 (H.264)",
  avi: "AVI (Motion JPEG, as Marrow wrote)",
  "png-zip": "PNG sequence (ZIP)",
  gif: "Animated GIF",
  webp: "Animated WebP",
  "w-npy": "Per-frame w (.npy, for the model to replay)",
};

export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = { mp4: "mp4", avi: "avi", "png-zip": "zip", gif: "gif", webp: "webp", "w-npy": "zip" };

/** Bounds the server keeps, whatever a request says. */
export const EXPORT_LIMITS = {
  minSize: 16,
  maxSize: 1024,
  minFps: 1,
  maxFps: 60,
  /** Frames in one export. */
  maxFrames: 20_000,
  /** GIF and WebP are for sharing: they are assembled in memory, so they stay short and small. */
  animatedImageMaxFrames: 1000,
  animatedImageMaxSize: 512,
  /** An AVI past this would need OpenDML's extension, which Marrow's readers do not know. */
  aviMaxBytes: 1024 * 1024 * 1024,
  /** Exports waiting or running in one room. */
  queuedPerRoom: 4,
} as const;

export const EXPORT_STATUSES = ["queued", "running", "done", "failed", "cancelled", "expired"] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

const id = z.string().min(1).max(64);

/** In and out frames of the chain, both included, as chain indices from 0 (the studio shows them as the room numbers frames). */
export const frameRangeSchema = z
  .object({ in: z.number().int().min(0, "the in frame is before the chain's first frame"), out: z.number().int().min(0, "the out frame is before the chain's first frame") })
  .strict()
  .refine((r) => r.in <= r.out, { message: "the in frame comes before the out frame" });

export const exportSettingsSchema = z
  .object({
    chainId: id,
    format: z.enum(EXPORT_FORMATS),
    /** null: the whole chain. */
    range: frameRangeSchema.nullable().default(null),
    view: z.enum(VIEWS).default("color"),
    /** For the shadows view: gray at or below `threshold` is one side; `invert` puts the dark side white. */
    shadows: z.object({ threshold: z.number().int().min(0).max(255), invert: z.boolean() }).strict().optional(),
    /** Width and height in pixels; even, as H.264's colour subsampling needs. */
    size: z
      .number()
      .int()
      .min(EXPORT_LIMITS.minSize)
      .max(EXPORT_LIMITS.maxSize)
      .refine((n) => n % 2 === 0, { message: "the size is an even number of pixels" }),
    fps: z.number().int().min(EXPORT_LIMITS.minFps).max(EXPORT_LIMITS.maxFps),
  })
  .strict()
  .superRefine((s, context) => {
    if ((s.format === "gif" || s.format === "webp") && s.size > EXPORT_LIMITS.animatedImageMaxSize) {
      context.addIssue({ code: "custom", path: ["size"], message: `${s.format.toUpperCase()} exports are at most ${EXPORT_LIMITS.animatedImageMaxSize}² pixels; use MP4 for larger` });
    }
    if (s.shadows && s.view !== "shadows") context.addIssue({ code: "custom", path: ["shadows"], message: "threshold settings belong to the shadows view" });
  });
export type ExportSettings = z.infer<typeof exportSettingsSchema>;
export type ExportSettingsInput = z.input<typeof exportSettingsSchema>;

/** export:start: the settings, and in local mode the browser's own name (who started it, as the room sees it). */
export const exportStartSchema = z
  .object({ settings: exportSettingsSchema, as: z.object({ name: z.string().trim().min(1).max(60) }).strict().optional() })
  .strict();
export type ExportStart = z.input<typeof exportStartSchema>;

export const exportCancelSchema = z.object({ exportId: id }).strict();
export const exportsLoadSchema = z.object({}).strict();

/** An export as everyone in the room sees it. */
export const exportJobSchema = z
  .object({
    id,
    roomId: id,
    chainId: id,
    chainName: z.string(),
    settings: exportSettingsSchema,
    status: z.enum(EXPORT_STATUSES),
    framesDone: z.number().int().min(0),
    frames: z.number().int().min(0),
    /** The file's size once done. */
    bytes: z.number().int().min(0).nullable(),
    /** The download's name. */
    fileName: z.string(),
    /** Which encoder made it (MP4: ffmpeg or the built-in one). */
    encoder: z.string().nullable(),
    error: z.string().nullable(),
    createdBy: z.object({ id, name: z.string() }).strict(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .strict();
export type ExportJob = z.infer<typeof exportJobSchema>;

/** The MP4 encoder this server uses: Debian's ffmpeg with libx264, or the built-in WebAssembly one. */
export const mp4EncoderSchema = z.object({ kind: z.enum(["ffmpeg", "wasm"]), detail: z.string() }).strict();
export type Mp4Encoder = z.infer<typeof mp4EncoderSchema>;

export const exportsLoadAckSchema = resultSchema({ exports: z.array(exportJobSchema), mp4Encoder: mp4EncoderSchema });
export type ExportsLoadAck = Result<{ exports: ExportJob[]; mp4Encoder: Mp4Encoder }>;
export const exportAckSchema = resultSchema({ export: exportJobSchema });
export type ExportAck = Result<{ export: ExportJob }>;

/** GET /api/rooms/:id/exports */
export const exportListSchema = z.object({ exports: z.array(exportJobSchema), mp4Encoder: mp4EncoderSchema }).strict();
export type ExportList = z.infer<typeof exportListSchema>;

/** The MIME type of each format's file, for downloads. */
export const EXPORT_MIME_TYPES: Record<ExportFormat, string> = {
  mp4: "video/mp4",
  avi: "video/x-msvideo",
  "png-zip": "application/zip",
  gif: "image/gif",
  webp: "image/webp",
  "w-npy": "application/zip",
};
