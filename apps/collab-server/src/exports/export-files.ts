import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";

/** Stored files are named by export id (a UUID from the database), never by anything a person typed. */
const EXPORT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function checkedId(id: string): string {
  if (!EXPORT_ID.test(id)) throw new Error(`"${id}" is not an export id`);
  return id;
}

/**
 * The export folder (UMBRA_EXPORT_DIR): `<id>.part` while a job writes, renamed to
 * `<id>` when complete, so a file without .part is always whole.
 */
export class ExportFiles {
  private constructor(readonly dir: string) {}

  /**
   * Creates the folder; .part files left by a process that died mid-export are deleted,
   * except those of `active` jobs (another server sharing the folder is writing them).
   */
  static async open(dir: string, active: ReadonlySet<string>, log: (line: string) => void): Promise<ExportFiles> {
    await mkdir(dir, { recursive: true });
    const leftovers = (await readdir(dir)).filter((name) => name.endsWith(".part") && !active.has(name.slice(0, -".part".length)));
    for (const name of leftovers) await rm(join(dir, name), { force: true });
    if (leftovers.length > 0) log(`exports: deleted ${leftovers.length} unfinished file(s) left by an earlier run`);
    return new ExportFiles(dir);
  }

  partPath(id: string): string {
    return join(this.dir, `${checkedId(id)}.part`);
  }

  path(id: string): string {
    return join(this.dir, checkedId(id));
  }

  /** The finished file takes its place; returns its size. */
  async commit(id: string): Promise<number> {
    await rename(this.partPath(id), this.path(id));
    return (await stat(this.path(id))).size;
  }

  async discardPart(id: string): Promise<void> {
    await rm(this.partPath(id), { force: true });
  }

  async remove(id: string): Promise<void> {
    await rm(this.path(id), { force: true });
  }
}
