import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import sharp from "sharp";
import { EXPORT_LIMITS } from "@umbra/protocol";
import { frameDelays } from "./frame-delays.js";
import { ExportRefusal, type EncoderSettings, type ExportFrame, type FrameEncoder } from "./frame-encoder.js";

// gifenc is CommonJS whose exports Node's ESM loader cannot name, and loaders disagree on
// what its default import is; require() gives its exports the same way everywhere.
const { GIFEncoder, applyPalette, quantize } = createRequire(import.meta.url)("gifenc") as typeof import("gifenc");

/** Pixels sampled across the whole export to choose the GIF's one palette. */
const PALETTE_SAMPLE_PIXELS = 400_000;

async function rgbaOf(image: Uint8Array): Promise<Buffer> {
  return sharp(image).ensureAlpha().raw().toBuffer();
}

/** One GIF palette for every frame, from pixels sampled evenly over all of them (so colours do not flicker between frames). */
async function sharedPalette(images: readonly Uint8Array[], settings: EncoderSettings) {
  const step = Math.max(1, Math.ceil((settings.width * settings.height * images.length) / PALETTE_SAMPLE_PIXELS));
  const sample = new Uint8Array(Math.ceil((settings.width * settings.height) / step) * images.length * 4);
  let at = 0;
  for (const image of images) {
    const rgba = await rgbaOf(image);
    for (let p = 0; p < rgba.length && at < sample.length; p += 4 * step, at += 4) sample.set(rgba.subarray(p, p + 4), at);
  }
  return quantize(sample.subarray(0, at), 256);
}

async function encodeGif(images: readonly Uint8Array[], settings: EncoderSettings): Promise<Uint8Array> {
  const palette = await sharedPalette(images, settings);
  const gif = GIFEncoder();
  // GIF counts in centiseconds; gifenc takes milliseconds and rounds them to centiseconds.
  const delays = frameDelays(images.length, settings.fps, 100);
  for (const [i, image] of images.entries()) {
    gif.writeFrame(applyPalette(await rgbaOf(image), palette), settings.width, settings.height, { palette: i === 0 ? palette : undefined, delay: 10 * delays[i]!, repeat: 0 });
  }
  gif.finish();
  return gif.bytesView();
}

async function encodeWebp(images: readonly Uint8Array[], settings: EncoderSettings): Promise<Buffer> {
  return sharp(images as Uint8Array[], { join: { animated: true } })
    .webp({ loop: 0, delay: frameDelays(images.length, settings.fps, 1000), quality: 90, effort: 1 })
    .toBuffer();
}

/**
 * Animated GIF or WebP, for sharing: frames are held (JPEGs, or PNGs in Shadows) until the
 * end, when the whole animation is encoded at once. That is why these exports are
 * bounded in frames and size (EXPORT_LIMITS).
 */
export class AnimatedImageWriter implements FrameEncoder {
  readonly name: string;
  private readonly images: Uint8Array[] = [];

  constructor(
    private readonly format: "gif" | "webp",
    private readonly settings: EncoderSettings,
  ) {
    this.name = format === "gif" ? "gif (gifenc, one palette)" : "webp (sharp)";
    if (settings.frames > EXPORT_LIMITS.animatedImageMaxFrames) {
      throw new ExportRefusal(`${format.toUpperCase()} exports hold at most ${EXPORT_LIMITS.animatedImageMaxFrames} frames, this one has ${settings.frames}; choose a range, or MP4`);
    }
  }

  async add({ image }: ExportFrame): Promise<void> {
    this.images.push(image);
  }

  async finish(): Promise<void> {
    const bytes = this.format === "gif" ? await encodeGif(this.images, this.settings) : await encodeWebp(this.images, this.settings);
    await writeFile(this.settings.path, bytes);
  }

  async abort(): Promise<void> {
    this.images.length = 0;
  }
}
