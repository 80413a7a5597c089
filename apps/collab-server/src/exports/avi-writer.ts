import { open, type FileHandle } from "node:fs/promises";
import { EXPORT_LIMITS } from "@umbra/protocol";
import { ExportRefusal, type EncoderSettings, type ExportFrame, type FrameEncoder } from "./frame-encoder.js";

const fourcc = (text: string) => Buffer.from(text, "latin1");
const AVIF_HASINDEX = 0x10;
const AVIIF_KEYFRAME = 0x10;

/** Byte offsets of the header fields only known at the end, and the size of the header. */
const LAYOUT = {
  riffSize: 4,
  avihMaxBytesPerSec: 32 + 4,
  avihSuggestedBuffer: 32 + 28,
  strhSuggestedBuffer: 108 + 36,
  moviSize: 216,
  /** Where the 'movi' fourcc sits: idx1 offsets count from it. */
  moviFourcc: 220,
  headerBytes: 224,
} as const;

/**
 * The fixed part of the file: RIFF 'AVI ', hdrl (avih, one video stream's strh and
 * strf) and the start of the movi list, sized for `frames` frames of Motion JPEG.
 */
function aviHeader({ width, height, fps, frames }: EncoderSettings): Buffer {
  const b = Buffer.alloc(LAYOUT.headerBytes);
  let at = 0;
  const tag = (t: string) => {
    fourcc(t).copy(b, at);
    at += 4;
  };
  const u32 = (n: number) => {
    b.writeUInt32LE(n >>> 0, at);
    at += 4;
  };
  const u16 = (n: number) => {
    b.writeUInt16LE(n, at);
    at += 2;
  };
  tag("RIFF"); u32(0); tag("AVI ");
  tag("LIST"); u32(192); tag("hdrl");
  // avih: MainAVIHeader
  tag("avih"); u32(56);
  u32(Math.round(1_000_000 / fps)); u32(0); u32(0); u32(AVIF_HASINDEX); u32(frames); u32(0); u32(1); u32(0); u32(width); u32(height);
  u32(0); u32(0); u32(0); u32(0);
  tag("LIST"); u32(116); tag("strl");
  // strh: AVIStreamHeader
  tag("strh"); u32(56); tag("vids"); tag("MJPG"); u32(0); u16(0); u16(0); u32(0);
  u32(1); u32(fps); u32(0); u32(frames); u32(0); u32(0xffffffff); u32(0);
  u16(0); u16(0); u16(width); u16(height);
  // strf: BITMAPINFOHEADER
  tag("strf"); u32(40); u32(40); u32(width); u32(height); u16(1); u16(24); tag("MJPG"); u32(width * height * 3); u32(0); u32(0); u32(0); u32(0);
  tag("LIST"); u32(0); tag("movi");
  if (at !== LAYOUT.headerBytes) throw new Error(`AVI header is ${at} bytes, expected ${LAYOUT.headerBytes}`);
  return b;
}

/**
 * Motion-JPEG AVI as Marrow wrote it with OpenCV: each frame's JPEG copied as it
 * is into a '00dc' chunk, then an idx1 index. Written as the frames come; the
 * sizes only known at the end are patched in by finish().
 */
export class AviWriter implements FrameEncoder {
  readonly name = "avi (Motion JPEG)";
  private index: Buffer[] = [];
  private bytes = LAYOUT.headerBytes;
  private largest = 0;

  private constructor(
    private readonly file: FileHandle,
    private readonly settings: EncoderSettings,
  ) {}

  static async create(settings: EncoderSettings): Promise<AviWriter> {
    const file = await open(settings.path, "w");
    await file.write(aviHeader(settings), 0, LAYOUT.headerBytes, 0);
    return new AviWriter(file, settings);
  }

  /** Motion JPEG: each frame is the worker's JPEG as it came (exportEncoding asks for JPEG for AVI). */
  async add({ image: jpeg }: ExportFrame): Promise<void> {
    const padded = jpeg.length + (jpeg.length & 1);
    // The index (16 bytes a frame) and the chunk headers count too.
    if (this.bytes + 8 + padded + 16 * (this.settings.frames + 1) > EXPORT_LIMITS.aviMaxBytes) {
      throw new ExportRefusal("this AVI would pass 1 GiB, which needs the OpenDML extension Marrow's readers lack; export MP4, a smaller size or a shorter range");
    }
    const chunk = Buffer.alloc(8 + padded);
    fourcc("00dc").copy(chunk, 0);
    chunk.writeUInt32LE(jpeg.length, 4);
    chunk.set(jpeg, 8);
    const entry = Buffer.alloc(16);
    fourcc("00dc").copy(entry, 0);
    entry.writeUInt32LE(AVIIF_KEYFRAME, 4);
    entry.writeUInt32LE(this.bytes - LAYOUT.moviFourcc, 8);
    entry.writeUInt32LE(jpeg.length, 12);
    this.index.push(entry);
    await this.file.write(chunk, 0, chunk.length, this.bytes);
    this.bytes += chunk.length;
    this.largest = Math.max(this.largest, jpeg.length);
  }

  async finish(): Promise<void> {
    const idx = Buffer.concat([fourcc("idx1"), Buffer.alloc(4), ...this.index]);
    idx.writeUInt32LE(this.index.length * 16, 4);
    await this.file.write(idx, 0, idx.length, this.bytes);
    const total = this.bytes + idx.length;
    const patch = async (offset: number, value: number) => {
      const b = Buffer.alloc(4);
      b.writeUInt32LE(value >>> 0);
      await this.file.write(b, 0, 4, offset);
    };
    await patch(LAYOUT.riffSize, total - 8);
    await patch(LAYOUT.moviSize, this.bytes - LAYOUT.moviFourcc);
    await patch(LAYOUT.avihMaxBytesPerSec, this.largest * this.settings.fps);
    await patch(LAYOUT.avihSuggestedBuffer, this.largest + 8);
    await patch(LAYOUT.strhSuggestedBuffer, this.largest + 8);
    await this.file.close();
  }

  async abort(): Promise<void> {
    await this.file.close();
  }
}
