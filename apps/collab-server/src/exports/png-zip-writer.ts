import type { EncoderSettings, ExportFrame, FrameEncoder } from "./frame-encoder.js";
import { ZipOutput } from "./zip-output.js";

/** frame_00017.png for frame number 17: zero-padded to at least five digits, so names sort in frame order. */
export function pngFrameName(number: number, lastNumber: number): string {
  return `frame_${String(number).padStart(Math.max(5, String(lastNumber).length), "0")}.png`;
}

/**
 * A ZIP of one PNG per frame, exactly as the worker rendered it (lossless), plus
 * recipes.json: every frame's number, file, recipe and hash. Files and sidecar number
 * frames as the room does. Streamed to disk as frames come; yazl switches to ZIP64
 * by itself past 4 GiB or 65,535 entries.
 */
export class PngZipWriter implements FrameEncoder {
  readonly name = "png-zip (yazl)";
  private readonly output: ZipOutput;
  private readonly recipes: { frame: number; file: string; hash: string; recipe: ExportFrame["recipe"] }[] = [];

  constructor(private readonly settings: EncoderSettings) {
    this.output = new ZipOutput(settings.path);
  }

  async add(frame: ExportFrame): Promise<void> {
    const { firstNumber, frames } = this.settings;
    const number = firstNumber + frame.index;
    const name = pngFrameName(number, firstNumber + frames - 1);
    // PNG is already compressed: stored, not deflated again.
    this.output.zip.addBuffer(Buffer.from(frame.image.buffer, frame.image.byteOffset, frame.image.byteLength), name, { compress: false });
    this.recipes.push({ frame: number, file: name, hash: frame.hash, recipe: frame.recipe });
  }

  async finish(): Promise<void> {
    this.output.zip.addBuffer(Buffer.from(JSON.stringify({ fps: this.settings.fps, frames: this.recipes }, null, 1)), "recipes.json");
    await this.output.close();
  }

  async abort(): Promise<void> {
    await this.output.abort();
  }
}
