import type { PrismaClient } from "@umbra/db";
import * as Y from "yjs";

/**
 * Room documents in Postgres/PGlite: a snapshot row plus an append-only log of
 * updates. Compaction merges the log into the snapshot and deletes exactly the
 * rows it merged, in one transaction, so a row written meanwhile is never lost.
 */
export class DocumentStore {
  constructor(private readonly prisma: PrismaClient) {}

  /** Everything stored for the room, to be applied in order: the snapshot, then the log. */
  async load(roomId: string): Promise<Uint8Array[]> {
    const [snapshot, rows] = await Promise.all([
      this.prisma.yjsSnapshot.findUnique({ where: { roomId } }),
      this.prisma.yjsUpdate.findMany({ where: { roomId }, orderBy: { id: "asc" }, select: { update: true } }),
    ]);
    return [...(snapshot ? [snapshot.state] : []), ...rows.map((r) => r.update)];
  }

  /** Appends updates to the room's log in one statement. */
  async append(roomId: string, updates: readonly Uint8Array[]): Promise<void> {
    await this.prisma.yjsUpdate.createMany({ data: updates.map((update) => ({ roomId, update: new Uint8Array(update) })) });
  }

  /** Log rows not yet merged into the snapshot. */
  async logLength(roomId: string): Promise<number> {
    return this.prisma.yjsUpdate.count({ where: { roomId } });
  }

  /** Merges the log into the snapshot; returns how many rows were merged. */
  async compact(roomId: string): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const snapshot = await tx.yjsSnapshot.findUnique({ where: { roomId } });
      const rows = await tx.yjsUpdate.findMany({ where: { roomId }, orderBy: { id: "asc" }, select: { id: true, update: true } });
      if (rows.length === 0) return 0;
      const state = Y.mergeUpdates([...(snapshot ? [snapshot.state] : []), ...rows.map((r) => r.update)]);
      const throughId = rows[rows.length - 1]!.id;
      await tx.yjsSnapshot.upsert({
        where: { roomId },
        create: { roomId, state: new Uint8Array(state), throughId },
        update: { state: new Uint8Array(state), throughId },
      });
      await tx.yjsUpdate.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
      return rows.length;
    });
  }
}
