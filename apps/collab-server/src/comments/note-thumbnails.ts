import { createHash } from "node:crypto";
import { Prisma, type PrismaClient } from "@umbra/db";

/** Notes' frozen thumbnails, each kept once as bytes by its sha256, and shown only to rooms one of whose notes shows it. */
export class NoteThumbnails {
  constructor(private readonly prisma: PrismaClient) {}

  /** Keeps a thumbnail once, by the sha256 of its bytes: the same frame pinned twice is stored once. Its hash. */
  async keep(bytes: Buffer): Promise<string> {
    const hash = createHash("sha256").update(bytes).digest("hex");
    await this.prisma.noteThumbnail.upsert({ where: { hash }, create: { hash, bytes: new Uint8Array(bytes) }, update: {} });
    return hash;
  }

  /** A thumbnail's bytes, when a note of this room shows it; null otherwise (not found, or another room's). */
  async bytesFor(roomId: string, hash: string): Promise<Uint8Array | null> {
    const shown = await this.prisma.commentThread.findFirst({ where: { roomId, thumbnailHash: hash }, select: { id: true } });
    if (!shown) return null;
    const row = await this.prisma.noteThumbnail.findUnique({ where: { hash } });
    return row?.bytes ?? null;
  }

  /** The room's thumbnails as data URLs by hash, for the printable notes page, which embeds them. */
  async dataUrls(roomId: string): Promise<Map<string, string>> {
    const rows = await this.prisma.$queryRaw<{ hash: string; bytes: Uint8Array }[]>(Prisma.sql`
      SELECT n.hash, n.bytes FROM "NoteThumbnail" n
      WHERE n.hash IN (SELECT t."thumbnailHash" FROM "CommentThread" t WHERE t."roomId" = ${roomId}::uuid)`);
    return new Map(rows.map((r) => [r.hash, `data:image/jpeg;base64,${Buffer.from(r.bytes).toString("base64")}`]));
  }

  /** After notes are deleted: forgets those of `hashes` no note (of any room) shows any more. */
  async forgetUnshown(tx: Prisma.TransactionClient, hashes: string[]): Promise<void> {
    const shown = await tx.commentThread.findMany({ where: { thumbnailHash: { in: hashes } }, select: { thumbnailHash: true }, distinct: ["thumbnailHash"] });
    const stillShown = shown.flatMap((r) => (r.thumbnailHash ? [r.thumbnailHash] : []));
    await tx.noteThumbnail.deleteMany({ where: { hash: { in: hashes, notIn: stillShown } } });
  }
}
