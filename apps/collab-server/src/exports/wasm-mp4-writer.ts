import { randomUUID } from "node:crypto";
import HME from "h264-mp4-encoder";
import { ALL_FORMATS, BufferSource, Conversion, FilePathTarget, Input, Mp4OutputFormat, Output } from "mediabunny";
import sharp from "sharp";
import type { EncoderSettings, ExportFrame, FrameEncoder } from "./frame-encoder.js";

type Encoder = Awaited<ReturnType<typeof HME.createH264MP4Encoder>>;

/**
 * H.264 MP4 with no ffmpeg: h264-mp4-encoder (WebAssembly) encodes the decoded
 * frames into its in-memory file system, then mediabunny copies the stream into
 * the real file with the index at the front. Installs with `npm ci` alone.
 */
export class WasmMp4Writer implements FrameEncoder {
  readonly name = "mp4 (built-in H.264, WebAssembly)";
  private released = false;

  private constructor(
    private readonly encoder: Encoder,
    private readonly settings: EncoderSettings,
  ) {}

  static async create(settings: EncoderSettings): Promise<WasmMp4Writer> {
    const encoder = await HME.createH264MP4Encoder();
    encoder.width = settings.width;
    encoder.height = settings.height;
    encoder.frameRate = settings.fps;
    // Visually lossless for generated frames; speed 8 of 10 keeps 256² near 200 fps here.
    encoder.quantizationParameter = 18;
    encoder.speed = 8;
    encoder.groupOfPictures = Math.max(1, settings.fps);
    // Its file system is shared by every encoder in the process: one name each.
    encoder.outputFilename = `${randomUUID()}.mp4`;
    encoder.initialize();
    return new WasmMp4Writer(encoder, settings);
  }

  async add({ image }: ExportFrame): Promise<void> {
    const { data, info } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    if (info.width !== this.settings.width || info.height !== this.settings.height) {
      throw new Error(`a frame came back ${info.width}×${info.height}, the export is ${this.settings.width}×${this.settings.height}`);
    }
    this.encoder.addFrameRgba(data);
  }

  async finish(): Promise<void> {
    this.encoder.finalize();
    const encoded = this.encoder.FS.readFile(this.encoder.outputFilename);
    this.release();
    const input = new Input({ source: new BufferSource(encoded), formats: ALL_FORMATS });
    const output = new Output({ format: new Mp4OutputFormat({ fastStart: "in-memory" }), target: new FilePathTarget(this.settings.path) });
    const conversion = await Conversion.init({ input, output });
    if (!conversion.isValid) throw new Error("the built-in encoder's MP4 could not be rewritten with its index at the front");
    await conversion.execute();
  }

  async abort(): Promise<void> {
    this.release();
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    try {
      this.encoder.FS.unlink(this.encoder.outputFilename);
    } catch {
      // Nothing was written yet (aborted before finalize): nothing to delete.
    }
    this.encoder.delete();
  }
}
