import { promisify } from "node:util";
import { constants, gunzip, gzip } from "node:zlib";
import { Prisma, type PrismaClient } from "@umbra/db";
import { contentOfUpdate, countChanges, describeChanges, diffChains, documentSize, type Chain } from "@umbra/doc";
import { VERSION_LIMITS, versionKindSchema, versionSummarySchema, type RoomVersion, type VersionKind, type VersionPerson, type VersionSummary } from "@umbra/protocol";
import { z } from "zod";
import { versionsToDrop, type VersionBounds } from "./version-thinning.js";

const gzipAsync = promisify(gzip);
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
  /** The document as one Yjs update, and its chains as read from it. */
  state: Uint8Array;
  chains: Chain[];
}

/** Rooms whose newest version's chains are held, to compare the next version with. */
const HELD_ROOMS = 32;

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
  /** Each room's newest version's chains, by its id: what the next version is compared with. */
  private readonly newestKept = new Map<string, { id: string; chains: Chain[] }>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly bounds: VersionBounds,
    private readonly log: (line: string) => void,
  ) {}

  async save(roomId: string, version: NewVersion): Promise<RoomVersion> {
    const [, before, packed] = await Promise.all([
      version.kind === "named" ? this.checkRoomForNamed(roomId, version.state.byteLength) : undefined,
      this.newestChains(roomId),
      // Gzipped, in zlib's thread pool, at its fastest: a quarter of the bytes (208 KB → 56 KB
      // for 20 chains × 50 keyframes) in a millisecond, and PGlite writes it in a fifth of the time.
      gzipAsync(version.state, { level: constants.Z_BEST_SPEED }),
    ]);
    const changes = countChanges(diffChains(before, version.chains));
    const summary: VersionSummary = { ...documentSize(version.chains), changes, text: describeChanges(changes) };
    const row = await this.prisma.roomVersion.create({
      data: {
        roomId,
        kind: version.kind,
        name: version.name,
        note: version.note,
        savedById: version.savedBy?.id,
        savedByName: version.savedBy?.name,
        contributors: version.contributors,
        // Checked by its schema when read back (toVersion).
        summary: summary as unknown as Prisma.InputJsonValue,
        state: new Uint8Array(packed),
        bytes: packed.byteLength,
      },
      select: listed,
    });
    this.holdNewest(roomId, row.id, version.chains);
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
    if (this.newestKept.get(roomId)?.id === id) this.newestKept.delete(roomId);
  }

  /** The newest version's chains (none for a room without versions): kept from the last save here, else read from it. */
  private async newestChains(roomId: string): Promise<Chain[]> {
    const row = await this.newest(roomId);
    if (!row) return [];
    const held = this.newestKept.get(roomId);
    if (held?.id === row.id) return held.chains;
    const { chains } = contentOfUpdate(await this.state(roomId, row.id));
    this.holdNewest(roomId, row.id, chains);
    return chains;
  }

  /** Held for the rooms saved in last; the oldest make way (a room's is read again when needed). */
  private holdNewest(roomId: string, id: string, chains: Chain[]): void {
    this.newestKept.delete(roomId);
    this.newestKept.set(roomId, { id, chains });
    for (const [oldest] of this.newestKept) {
      if (this.newestKept.size <= HELD_ROOMS) break;
      this.newestKept.delete(oldest);
    }
  }

  private async checkRoomForNamed(roomId: string, bytes: number): Promise<void> {
    const named = await this.prisma.roomVersion.aggregate({ where: { roomId, kind: "named" }, _count: true, _sum: { bytes: true } });
    if (named._count + 1 > this.bounds.perRoom || (named._sum.bytes ?? 0) + bytes > this.bounds.bytesPerRoom) {
      throw new VersionRefusal(
        "PAYLOAD_TOO_LARGE",
        `this room keeps at most ${this.bounds.perRoom} versions and ${Math.round(this.bounds.bytesPerRoom / 1024 / 1024)} MB of them, and its named versions fill that; the owner can delete named versions to make room`,
      );
    }
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
