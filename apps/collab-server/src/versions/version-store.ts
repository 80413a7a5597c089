import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { Prisma, type PrismaClient } from "@umbra/db";
import { VERSION_LIMITS, versionKindSchema, versionSummarySchema, type RoomVersion, type VersionKind, type VersionPerson } from "@umbra/protocol";
import { z } from "zod";
import type { VersionPacker } from "./version-packer.js";
import { versionsToDrop, type VersionBounds } from "./version-thinning.js";

const gunzipAsync = promisify(gunzip);

/** A refusal a person can read, answered as it is. */
export class VersionRefusal extends Error {
  constructor(
    readonly code: "NOT_FOUND" | "FORBIDDEN" | "PAYLOAD_TOO_LARGE",
    message: string,
  ) {
    super(message);
  }
}

export interface NewVersion {
  kind: VersionKind;
  name: string | null;
  note: string | null;
  savedBy: VersionPerson | null;
  contributors: VersionPerson[];
}

const peopleSchema = z.array(z.object({ id: z.string(), name: z.string() }).strict());
const listed = { id: true, kind: true, name: true, note: true, createdAt: true, savedById: true, savedByName: true, contributors: true, summary: true, bytes: true } as const;
type ListedRow = Prisma.RoomVersionGetPayload<{ select: typeof listed }>;

/** Stored JSON is trusted only through the wire's schemas. */
function toVersion(row: ListedRow): RoomVersion {
  return {
    id: row.id,
    kind: versionKindSchema.parse(row.kind),
    name: row.name,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
    savedBy: row.savedById ? { id: row.savedById, name: row.savedByName ?? "" } : null,
    contributors: peopleSchema.parse(row.contributors),
    summary: versionSummarySchema.parse(row.summary),
    bytes: row.bytes,
  };
}

/**
 * A room's History in Postgres/PGlite: each version the whole document as one Yjs
 * update, with who edited since the one before and what changed. Kept within the
 * room's bounds, automatic versions thinned with age (versionsToDrop).
 */
export class VersionStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly bounds: VersionBounds,
    private readonly packer: VersionPacker,
    private readonly log: (line: string) => void,
  ) {}

  /** Keeps the room as the packer holds it now (the keeper has it follow the room first). */
  async save(roomId: string, version: NewVersion): Promise<RoomVersion> {
    const [named, { summary, packed, takenAt }] = await Promise.all([
      version.kind === "named" ? this.namedUsage(roomId) : null,
      this.newest(roomId).then((newest) => this.packer.pack(roomId, newest?.id ?? null, (id) => this.storedState(id))),
    ]);
    if (named && (named.count + 1 > this.bounds.perRoom || named.bytes + packed.byteLength > this.bounds.bytesPerRoom)) {
      throw new VersionRefusal(
        "PAYLOAD_TOO_LARGE",
        `this room keeps at most ${this.bounds.perRoom} versions and ${Math.round(this.bounds.bytesPerRoom / 1024 / 1024)} MB of them, and its named versions fill that; the owner can delete named versions to make room`,
      );
    }
    const row = await this.prisma.roomVersion.create({
      data: {
        roomId,
        // When its state was taken, not when the row is written: edits made in between are the next version's (VersionKeeper).
        createdAt: takenAt,
        kind: version.kind,
        name: version.name,
        note: version.note,
        savedById: version.savedBy?.id,
        savedByName: version.savedBy?.name,
        contributors: version.contributors,
        // Checked by its schema when read back (toVersion).
        summary: summary as unknown as Prisma.InputJsonValue,
        state: packed as Uint8Array<ArrayBuffer>,
        bytes: packed.byteLength,
      },
      select: listed,
    });
    this.packer.kept(roomId, row.id);
    // Nobody waits for the thinning: the answer goes out at once.
    this.thin(roomId).catch((error: unknown) => this.log(`versions: could not thin the versions of room ${roomId}: ${error instanceof Error ? error.message : String(error)}`));
    return toVersion(row);
  }

  /** Newest first: named ones only with `named`, those whose name, note, summary or people match `search`, older than `before`. */
  async list(roomId: string, query: { named?: boolean; search?: string; before?: string }): Promise<{ versions: RoomVersion[]; more: boolean }> {
    const pattern = query.search ? `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows = await this.prisma.$queryRaw<{ id: string }[]>(Prisma.sql`
      SELECT id::text FROM "RoomVersion"
      WHERE "roomId" = ${roomId}::uuid
        ${query.named ? Prisma.sql`AND kind = 'named'` : Prisma.empty}
        ${query.before ? Prisma.sql`AND "createdAt" < ${new Date(query.before)}` : Prisma.empty}
        ${pattern ? Prisma.sql`AND (name ILIKE ${pattern} OR note ILIKE ${pattern} OR summary->>'text' ILIKE ${pattern} OR "savedByName" ILIKE ${pattern} OR contributors::text ILIKE ${pattern})` : Prisma.empty}
      ORDER BY "createdAt" DESC
      LIMIT ${VERSION_LIMITS.page + 1}`);
    const ids = rows.slice(0, VERSION_LIMITS.page).map((r) => r.id);
    const found = await this.prisma.roomVersion.findMany({ where: { id: { in: ids } }, select: listed, orderBy: { createdAt: "desc" } });
    return { versions: found.map(toVersion), more: rows.length > VERSION_LIMITS.page };
  }

  /** The version's document as one Yjs update. */
  async state(roomId: string, id: string): Promise<Uint8Array> {
    const row = await this.prisma.roomVersion.findFirst({ where: { id, roomId }, select: { state: true } });
    if (!row) throw new VersionRefusal("NOT_FOUND", "no such version of this room (it may have been thinned or deleted)");
    return new Uint8Array(await gunzipAsync(row.state));
  }

  async version(roomId: string, id: string): Promise<RoomVersion> {
    const row = await this.prisma.roomVersion.findFirst({ where: { id, roomId }, select: listed });
    if (!row) throw new VersionRefusal("NOT_FOUND", "no such version of this room (it may have been thinned or deleted)");
    return toVersion(row);
  }

  /** The room's newest version and when it was kept; null when it has none. */
  async newest(roomId: string): Promise<{ id: string; createdAt: Date } | null> {
    return this.prisma.roomVersion.findFirst({ where: { roomId }, orderBy: { createdAt: "desc" }, select: { id: true, createdAt: true } });
  }

  /** Adds people to a version's contributors (another server's editors, when it kept the version first). */
  async addContributors(roomId: string, id: string, people: readonly VersionPerson[]): Promise<void> {
    const row = await this.prisma.roomVersion.findFirst({ where: { id, roomId }, select: { contributors: true } });
    if (!row) return;
    const known = peopleSchema.parse(row.contributors);
    const added = people.filter((p) => !known.some((k) => k.id === p.id && k.name === p.name));
    if (added.length) await this.prisma.roomVersion.update({ where: { id }, data: { contributors: [...known, ...added] } });
  }

  /** The owner deletes a named version; the others go by thinning alone. */
  async deleteNamed(roomId: string, id: string): Promise<void> {
    const version = await this.version(roomId, id);
    if (version.kind !== "named") throw new VersionRefusal("FORBIDDEN", "only named versions are deleted by hand; the others are thinned as they age");
    await this.prisma.roomVersion.deleteMany({ where: { id, roomId } });
  }

  /** A version's state as stored (gzipped); null once it is gone. */
  private async storedState(id: string): Promise<Uint8Array | null> {
    const row = await this.prisma.roomVersion.findUnique({ where: { id }, select: { state: true } });
    return row?.state ?? null;
  }

  /** How many named versions the room keeps, and their stored bytes. */
  private async namedUsage(roomId: string): Promise<{ count: number; bytes: number }> {
    const named = await this.prisma.roomVersion.aggregate({ where: { roomId, kind: "named" }, _count: true, _sum: { bytes: true } });
    return { count: named._count, bytes: named._sum.bytes ?? 0 };
  }

  private async thin(roomId: string): Promise<void> {
    const kept = await this.prisma.roomVersion.findMany({ where: { roomId }, select: { id: true, kind: true, createdAt: true, bytes: true } });
    const drop = versionsToDrop(
      kept.map((v) => ({ ...v, kind: versionKindSchema.parse(v.kind) })),
      new Date(),
      this.bounds,
    );
    if (drop.length) await this.prisma.roomVersion.deleteMany({ where: { roomId, id: { in: drop } } });
  }
}
