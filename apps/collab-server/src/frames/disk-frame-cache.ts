import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { frameReadySchema } from "@umbra/protocol";
import { z } from "zod";
import type { CachedFrame } from "./frame-cache.js";

/** What a cache file holds besides the image bytes: a sent frame's record, without whom it was for. */
const frameMetaSchema = frameReadySchema.omit({ roomId: true, shared: true, bytes: true }).extend({ hash: z.string().regex(/^[0-9a-f]{64}$/) });

const FILE = /^[0-9a-f]{64}\.frame$/;

/**
 * Encoded frames on disk, so a restarted hub still answers recipes it rendered before.
 * One file per frame, `<hash[0..2]>/<hash>.frame`: a 4-byte length, the frame's JSON
 * record, then the JPEG. Written to a temporary name and renamed, so a crash never
 * leaves half a frame under a real name. Least recently used files go first once
 * the folder passes its byte budget (after a restart: least recently written).
 */
export class DiskFrameCache {
  /** hash → file size, least recently used first. */
  private readonly index = new Map<string, number>();
  private bytes = 0;

  private constructor(
    private readonly dir: string,
    private readonly budgetBytes: number,
    private readonly log: (line: string) => void,
  ) {}

  /** Opens (or creates) the folder and indexes what is already there, oldest first. */
  static async open(dir: string, budgetBytes: number, log: (line: string) => void): Promise<DiskFrameCache> {
    const cache = new DiskFrameCache(dir, budgetBytes, log);
    await mkdir(dir, { recursive: true });
    const found: { hash: string; size: number; used: number }[] = [];
    for (const shard of await readdir(dir)) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const name of await readdir(join(dir, shard))) {
        if (!FILE.test(name)) continue;
        const info = await stat(join(dir, shard, name));
        found.push({ hash: name.slice(0, 64), size: info.size, used: info.mtimeMs });
      }
    }
    for (const f of found.sort((a, b) => a.used - b.used)) {
      cache.index.set(f.hash, f.size);
      cache.bytes += f.size;
    }
    await cache.evict();
    log(`hub: disk frame cache at ${dir}: ${cache.index.size} frames, ${(cache.bytes / 1024 / 1024).toFixed(1)} MB of ${Math.round(budgetBytes / 1024 / 1024)} MB`);
    return cache;
  }

  has(hash: string): boolean {
    return this.index.has(hash);
  }

  get size(): number {
    return this.index.size;
  }

  get usedBytes(): number {
    return this.bytes;
  }

  /** The frame, or undefined when it is not here or its file is unreadable (then it is dropped, and logged). */
  async get(hash: string): Promise<CachedFrame | undefined> {
    if (!this.index.has(hash)) return undefined;
    try {
      const file = await readFile(this.pathOf(hash));
      const length = file.readUInt32BE(0);
      const meta = frameMetaSchema.parse(JSON.parse(file.subarray(4, 4 + length).toString("utf8")));
      if (meta.hash !== hash) throw new Error(`it holds frame ${meta.hash.slice(0, 12)}`);
      this.touch(hash);
      return { ...meta, bytes: new Uint8Array(file.subarray(4 + length)) };
    } catch (error) {
      this.log(`hub: dropped unreadable cached frame ${hash.slice(0, 12)}: ${error instanceof Error ? error.message : String(error)}`);
      await this.remove(hash);
      return undefined;
    }
  }

  /** Stores a frame; a failure is logged (the frame is still in memory and can be rendered again). */
  async set(frame: CachedFrame): Promise<void> {
    if (this.index.has(frame.hash)) return;
    const { bytes, ...meta } = frame;
    const record = Buffer.from(JSON.stringify(meta), "utf8");
    const header = Buffer.alloc(4);
    header.writeUInt32BE(record.length);
    const content = Buffer.concat([header, record, bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes]);
    const path = this.pathOf(frame.hash);
    try {
      await mkdir(join(this.dir, frame.hash.slice(0, 2)), { recursive: true });
      await writeFile(`${path}.tmp`, content);
      await rename(`${path}.tmp`, path);
    } catch (error) {
      this.log(`hub: could not store frame ${frame.hash.slice(0, 12)} on disk: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.index.set(frame.hash, content.length);
    this.bytes += content.length;
    await this.evict();
  }

  private pathOf(hash: string): string {
    return join(this.dir, hash.slice(0, 2), `${hash}.frame`);
  }

  private touch(hash: string): void {
    const size = this.index.get(hash)!;
    this.index.delete(hash);
    this.index.set(hash, size);
  }

  private async evict(): Promise<void> {
    for (const hash of this.index.keys()) {
      if (this.bytes <= this.budgetBytes) break;
      await this.remove(hash);
    }
  }

  private async remove(hash: string): Promise<void> {
    const size = this.index.get(hash);
    if (size === undefined) return;
    this.index.delete(hash);
    this.bytes -= size;
    await unlink(this.pathOf(hash)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") this.log(`hub: could not remove cached frame ${hash.slice(0, 12)}: ${error.message}`);
    });
  }
}
