import type { PrismaClient } from "@umbra/db";
import { EXPORT_STATUSES, exportSettingsSchema, type ExportJob, type ExportSettings, type ExportStatus } from "@umbra/protocol";

type ExportRow = Awaited<ReturnType<PrismaClient["export"]["findFirstOrThrow"]>>;

/** Stored JSON is trusted only through the schema the wire uses. */
function toJob(row: ExportRow): ExportJob {
  const status = EXPORT_STATUSES.find((s) => s === row.status);
  if (!status) throw new Error(`export ${row.id} has an unknown status "${row.status}"`);
  return {
    id: row.id,
    roomId: row.roomId,
    chainId: row.chainId,
    chainName: row.chainName,
    settings: exportSettingsSchema.parse(row.settings),
    status,
    framesDone: row.framesDone,
    frames: row.frames,
    bytes: row.bytes === null ? null : Number(row.bytes),
    fileName: row.fileName,
    encoder: row.encoder,
    error: row.error,
    createdBy: { id: row.createdById, name: row.createdByName },
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export interface NewExport {
  roomId: string;
  chainId: string;
  chainName: string;
  settings: ExportSettings;
  frames: number;
  fileName: string;
  createdBy: { id: string; name: string };
  /** The collab-server that will run it. */
  server: string;
}

/** Export jobs as rows: what the room lists, and what survives a restart. */
export class ExportStore {
  constructor(private readonly prisma: PrismaClient) {}

  async create(job: NewExport): Promise<ExportJob> {
    const row = await this.prisma.export.create({
      data: {
        roomId: job.roomId,
        chainId: job.chainId,
        chainName: job.chainName,
        settings: job.settings,
        status: "queued",
        frames: job.frames,
        fileName: job.fileName,
        createdById: job.createdBy.id,
        createdByName: job.createdBy.name,
        serverId: job.server,
      },
    });
    return toJob(row);
  }

  async list(roomId: string): Promise<ExportJob[]> {
    return (await this.prisma.export.findMany({ where: { roomId }, orderBy: { createdAt: "desc" } })).map(toJob);
  }

  async get(roomId: string, id: string): Promise<ExportJob | null> {
    const row = await this.prisma.export.findFirst({ where: { id, roomId } });
    return row ? toJob(row) : null;
  }

  async countActive(roomId: string): Promise<number> {
    return this.prisma.export.count({ where: { roomId, status: { in: ["queued", "running"] } } });
  }

  async started(id: string, encoder: string): Promise<ExportJob> {
    return toJob(await this.prisma.export.update({ where: { id }, data: { status: "running", encoder, startedAt: new Date() } }));
  }

  async progressed(id: string, framesDone: number): Promise<ExportJob> {
    return toJob(await this.prisma.export.update({ where: { id }, data: { framesDone } }));
  }

  async finished(id: string, framesDone: number, bytes: number): Promise<ExportJob> {
    return toJob(await this.prisma.export.update({ where: { id }, data: { status: "done", framesDone, bytes, finishedAt: new Date() } }));
  }

  /** failed, cancelled or expired, with the reason a person reads. */
  async ended(id: string, status: Exclude<ExportStatus, "queued" | "running" | "done">, error: string | null): Promise<ExportJob> {
    return toJob(await this.prisma.export.update({ where: { id }, data: { status, error, finishedAt: new Date() } }));
  }

  /**
   * Jobs left queued or running by a collab-server that is no longer alive (a previous
   * run of this one, or another server that died) can never finish: they fail with the
   * reason, and are returned so their rooms hear it and their files go.
   */
  async failOrphaned(liveServers: readonly string[]): Promise<ExportJob[]> {
    const where = { status: { in: ["queued", "running"] }, OR: [{ serverId: null }, { serverId: { notIn: [...liveServers] } }] };
    const ids = (await this.prisma.export.findMany({ where, select: { id: true } })).map((r) => r.id);
    if (ids.length === 0) return [];
    await this.prisma.export.updateMany({
      where: { ...where, id: { in: ids } },
      data: { status: "failed", error: "the server running this export stopped; start it again", finishedAt: new Date() },
    });
    return (await this.prisma.export.findMany({ where: { id: { in: ids }, status: "failed" } })).map(toJob);
  }

  /** Ids of the jobs some server is still running or about to (their .part files are in use). */
  async activeIds(): Promise<Set<string>> {
    return new Set((await this.prisma.export.findMany({ where: { status: { in: ["queued", "running"] } }, select: { id: true } })).map((r) => r.id));
  }

  /** Finished files, oldest first: what the retention budget deletes from. */
  async doneOldestFirst(): Promise<{ id: string; roomId: string; bytes: number }[]> {
    const rows = await this.prisma.export.findMany({ where: { status: "done" }, orderBy: { finishedAt: "asc" }, select: { id: true, roomId: true, bytes: true } });
    return rows.map((r) => ({ id: r.id, roomId: r.roomId, bytes: Number(r.bytes ?? 0) }));
  }

  /** Every export id of a room (its files go when the room is deleted). */
  async idsOf(roomId: string): Promise<string[]> {
    return (await this.prisma.export.findMany({ where: { roomId }, select: { id: true } })).map((r) => r.id);
  }
}
