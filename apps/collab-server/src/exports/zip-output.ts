import { createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { ZipFile } from "yazl";

/** A ZIP streamed to a file as entries are added (yazl switches to ZIP64 by itself when needed). */
export class ZipOutput {
  readonly zip = new ZipFile();
  private readonly out: ReturnType<typeof createWriteStream>;
  private readonly written: Promise<void>;

  constructor(path: string) {
    this.out = createWriteStream(path);
    this.zip.outputStream.pipe(this.out);
    this.written = finished(this.out);
    // Nobody awaits it until close(); an early failure must not go unhandled.
    this.written.catch(() => undefined);
  }

  /** Ends the archive; resolves once the whole file is written. */
  async close(): Promise<void> {
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
