import type { VersionKind } from "@umbra/protocol";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What thinning needs to know of a version. */
export interface KeptVersion {
  id: string;
  kind: VersionKind;
  createdAt: Date;
  bytes: number;
}

export interface VersionBounds {
  perRoom: number;
  bytesPerRoom: number;
}

/**
 * The versions of a room to delete now: automatic ones thinned with age (every one
 * from the last day, the newest of each hour for a week, the newest of each day
 * after), then, while the room holds more than its bounds allow, the oldest left:
 * automatic ones first, then those kept before restores and imports. Named versions
 * are never thinned; bounds full of them refuse the next one instead (see
 * VersionStore.save).
 */
export function versionsToDrop(versions: readonly KeptVersion[], now: Date, bounds: VersionBounds): string[] {
  const drop = new Set<string>();
  const newestOf = new Map<string, KeptVersion>();
  for (const version of versions) {
    if (version.kind !== "auto") continue;
    const age = now.getTime() - version.createdAt.getTime();
    if (age <= DAY_MS) continue;
    const bucket = `${age <= 7 * DAY_MS ? "h" : "d"}${Math.floor(version.createdAt.getTime() / (age <= 7 * DAY_MS ? HOUR_MS : DAY_MS))}`;
    const held = newestOf.get(bucket);
    if (!held) newestOf.set(bucket, version);
    else if (held.createdAt < version.createdAt) {
      drop.add(held.id);
      newestOf.set(bucket, version);
    } else drop.add(version.id);
  }
  const left = versions.filter((v) => !drop.has(v.id));
  let count = left.length;
  let bytes = left.reduce((sum, v) => sum + v.bytes, 0);
  const oldestFirst = (kinds: readonly VersionKind[]) => left.filter((v) => kinds.includes(v.kind)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  for (const version of [...oldestFirst(["auto"]), ...oldestFirst(["before-restore", "before-import"])]) {
    if (count <= bounds.perRoom && bytes <= bounds.bytesPerRoom) break;
    drop.add(version.id);
    count--;
    bytes -= version.bytes;
  }
  return [...drop];
}
