import sharp from "sharp";
import type { EncoderSettings, ExportFrame, FrameEncoder } from "./frame-encoder.js";
import { ZipOutput } from "./zip-output.js";

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
  private readonly output: ZipOutput;
  private readonly recipes: { frame: number; file: string; hash: string; recipe: ExportFrame["recipe"] }[] = [];

  constructor(private readonly settings: EncoderSettings) {
    this.output = new ZipOutput(settings.path);
  }

  async add(frame: ExportFrame): Promise<void> {
    const name = pngFrameName(frame.index, this.settings.frames);
    // PNG is already compressed: stored, not deflated again.
    this.output.zip.addBuffer(await sharp(frame.jpeg).png({ compressionLevel: 6 }).toBuffer(), name, { compress: false });
    this.recipes.push({ frame: frame.index, file: name, hash: frame.hash, recipe: frame.recipe });
  }

  async finish(): Promise<void> {
    this.output.zip.addBuffer(Buffer.from(JSON.stringify({ fps: this.settings.fps, frames: this.recipes }, null, 1)), "recipes.json");
    await this.output.close();
  }

  async abort(): Promise<void> {
    await this.output.abort();
  }
}
