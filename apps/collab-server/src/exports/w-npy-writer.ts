import { once } from "node:events";
import { PassThrough } from "node:stream";
import { npyHeader, type FrameRecipe } from "@umbra/latent";
import { ZipOutput } from "./zip-output.js";

/**
 * Per-frame w as a ZIP of w.npy (frames × w size, float32, C order, as np.load reads
 * it) and w.json (model, snapshot, and each frame's recipe hash, ψ and noise seed).
 * The rows stream into the archive as they come, so memory stays one row deep.
 */
export class WNpyWriter {
  private readonly output: ZipOutput;
  private readonly npy = new PassThrough();
  private readonly sidecar: { frame: number; hash: string; truncation: number; noiseSeed: number }[] = [];

  constructor(
    path: string,
    private readonly frames: number,
    private readonly wSize: number,
    /** The first frame's number as the room counts frames. */
    private readonly firstNumber: number,
  ) {
    this.output = new ZipOutput(path);
    const header = npyHeader("<f4", [frames, wSize]);
    this.output.zip.addReadStream(this.npy, "w.npy", { compress: false, size: header.length + frames * wSize * 4 });
    this.npy.write(header);
  }

  async add(w: Float32Array, recipe: FrameRecipe, hash: string): Promise<void> {
    if (w.length !== this.wSize) throw new Error(`a w of ${w.length} numbers came among w of ${this.wSize}`);
    this.sidecar.push({ frame: this.firstNumber + this.sidecar.length, hash, truncation: recipe.truncation, noiseSeed: recipe.noiseSeed });
    if (!this.npy.write(Buffer.from(w.buffer, w.byteOffset, w.byteLength))) await once(this.npy, "drain");
  }

  async finish(model: string, snapshot: string): Promise<void> {
    if (this.sidecar.length !== this.frames) throw new Error(`${this.sidecar.length} of ${this.frames} w were written`);
    this.npy.end();
    this.output.zip.addBuffer(Buffer.from(JSON.stringify({ model, snapshot, wSize: this.wSize, frames: this.sidecar }, null, 1)), "w.json");
    await this.output.close();
  }

  async abort(): Promise<void> {
    this.npy.destroy();
    await this.output.abort();
  }
}
