import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import sharp from "sharp";
import { ZipFile } from "yazl";
import type { EncoderSettings, ExportFrame, FrameEncoder } from "./frame-encoder.js";

/** frame_00017.png: zero-padded to at least five digits, so names sort in frame order. */
export function pngFrameName(index: number, frames: number): string {
  return `frame_${String(index).padStart(Math.max(5, String(frames - 1).length), "0")}.png`;
}

/**
 * A ZIP of one PNG per frame (decoded from the rendered JPEG, so its pixels are the
 * frame's) plus recipes.json, every frame's recipe and hash. Streamed to disk as
 * frames come; yazl switches to ZIP64 by itself past 4 GiB or 65,535 entries.
 */
export class PngZipWriter implements FrameEncoder {
  readonly name = "png-zip (sharp, yazl)";
  private readonly zip = new ZipFile();
  private readonly out: ReturnType<typeof createWriteStream>;
  private readonly written: Promise<void>;
  private readonly recipes: { frame: number; file: string; hash: string; recipe: ExportFrame["recipe"] }[] = [];

  constructor(private readonly settings: EncoderSettings) {
    this.out = createWriteStream(settings.path);
    this.zip.outputStream.pipe(this.out);
    this.written = finished(this.out);
    // Nobody awaits it until finish(); an early failure must not go unhandled.
    this.written.catch(() => undefined);
  }

  async add(frame: ExportFrame): Promise<void> {
    const name = pngFrameName(frame.index, this.settings.frames);
    // PNG is already compressed: stored, not deflated again.
    this.zip.addBuffer(await sharp(frame.jpeg).png({ compressionLevel: 6 }).toBuffer(), name, { compress: false });
    this.recipes.push({ frame: frame.index, file: name, hash: frame.hash, recipe: frame.recipe });
  }

  async finish(): Promise<void> {
    this.zip.addBuffer(Buffer.from(JSON.stringify({ fps: this.settings.fps, frames: this.recipes }, null, 1)), "recipes.json");
    this.zip.end();
    await this.written;
  }

  async abort(): Promise<void> {
    this.zip.outputStream.unpipe(this.out);
    this.out.destroy();
    // A destroyed stream rejects with "premature close": that is the point of aborting.
    await this.written.catch(() => undefined);
  }
}
