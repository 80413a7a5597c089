import { Prisma, type PrismaClient } from "@umbra/db";
import { UpdateMerger } from "./update-merger.js";

/**
 * Room documents in Postgres/PGlite: a snapshot row plus an append-only log of
 * updates. Compaction merges the log into the snapshot and deletes exactly the
 * rows it merged, in one transaction, so a row written meanwhile is never lost.
 */
export class DocumentStore {
  private readonly merger = new UpdateMerger();

  constructor(private readonly prisma: PrismaClient) {}

  /** Stops the merging thread. */
  close(): Promise<void> {
    return this.merger.close();
  }

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

  /**
   * Merges the log into the snapshot; returns how many rows were merged (0 when a
   * concurrent compaction got there first: the rows stay for the next one).
   *
   * The merge runs outside the transaction: it is CPU work, and on PGlite a
   * transaction holds the only connection, so appends would queue behind it. The
   * write is optimistic instead: it replaces the snapshot only if nobody replaced it
   * since it was read, and deletes exactly the rows it merged.
   */
  async compact(roomId: string): Promise<number> {
    const [snapshot, rows] = await Promise.all([
      this.prisma.yjsSnapshot.findUnique({ where: { roomId } }),
      this.prisma.yjsUpdate.findMany({ where: { roomId }, orderBy: { id: "asc" }, select: { id: true, update: true } }),
    ]);
    if (rows.length === 0) return 0;
    // CPU work of tens of milliseconds: on its own thread, so relaying never waits for it.
    const state = await this.merger.merge([...(snapshot ? [snapshot.state] : []), ...rows.map((r) => r.update)]);
    const throughId = rows[rows.length - 1]!.id;
    try {
      return await this.prisma.$transaction(async (tx) => {
        if (snapshot) {
          const replaced = await tx.yjsSnapshot.updateMany({ where: { roomId, throughId: snapshot.throughId }, data: { state, throughId } });
          if (replaced.count === 0) throw new CompactionRaced();
        } else {
          await tx.yjsSnapshot.create({ data: { roomId, state, throughId } });
        }
        await tx.yjsUpdate.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
        return rows.length;
      });
    } catch (error) {
      // Another compaction stored a snapshot since ours was read (or created the first one).
      if (error instanceof CompactionRaced || (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) return 0;
      throw error;
    }
  }
}

/** The snapshot changed between a compaction's read and its write. */
class CompactionRaced extends Error {
  override name = "CompactionRaced";
}
