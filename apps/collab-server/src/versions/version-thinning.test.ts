import { describe, expect, it } from "vitest";
import { versionsToDrop, type KeptVersion } from "./version-thinning.js";

const NOW = new Date("2026-12-06T12:00:00Z");
const MINUTE = 60_000;
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * MINUTE);
const roomy = { perRoom: 10_000, bytesPerRoom: Number.MAX_SAFE_INTEGER };

/** An automatic version every 10 minutes over the last `days` days. */
function everyTenMinutes(days: number): KeptVersion[] {
  return Array.from({ length: (days * 24 * 60) / 10 }, (_, i) => ({ id: `auto-${i}`, kind: "auto" as const, createdAt: ago(i * 10), bytes: 100 }));
}

describe("thinning a room's versions", () => {
  it("keeps every automatic version of the last day, one an hour for a week, one a day after, and every named one", () => {
    const versions = [...everyTenMinutes(10), { id: "named-old", kind: "named" as const, createdAt: ago(9 * 24 * 60 + 5), bytes: 100 }];
    const dropped = new Set(versionsToDrop(versions, NOW, roomy));
    const kept = versions.filter((v) => !dropped.has(v.id));
    const ageMinutes = (v: KeptVersion) => (NOW.getTime() - v.createdAt.getTime()) / MINUTE;
    expect(kept.filter((v) => v.kind === "auto" && ageMinutes(v) <= 24 * 60)).toHaveLength(24 * 6 + 1);
    const week = kept.filter((v) => v.kind === "auto" && ageMinutes(v) > 24 * 60 && ageMinutes(v) <= 7 * 24 * 60);
    expect(new Set(week.map((v) => Math.floor(v.createdAt.getTime() / (60 * MINUTE)))).size).toBe(week.length);
    expect(week.length).toBeGreaterThanOrEqual(6 * 24 - 1);
    expect(week.length).toBeLessThanOrEqual(6 * 24 + 1);
    const older = kept.filter((v) => v.kind === "auto" && ageMinutes(v) > 7 * 24 * 60);
    expect(older.length).toBeGreaterThanOrEqual(3);
    expect(older.length).toBeLessThanOrEqual(4);
    expect(kept.map((v) => v.id)).toContain("named-old");
    // The newest of each hour is the one kept.
    expect(kept.map((v) => v.id)).toContain(week.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]!.id);
    // Thinning what is thinned already drops nothing more.
    expect(versionsToDrop(kept, NOW, roomy)).toEqual([]);
  });

  it("holds a room to its bounds by dropping the oldest automatic versions, then the oldest kept before restores, never named ones", () => {
    const versions: KeptVersion[] = [
      { id: "named", kind: "named", createdAt: ago(50), bytes: 100 },
      { id: "before-restore", kind: "before-restore", createdAt: ago(40), bytes: 100 },
      { id: "auto-old", kind: "auto", createdAt: ago(30), bytes: 100 },
      { id: "auto-new", kind: "auto", createdAt: ago(20), bytes: 100 },
    ];
    expect(versionsToDrop(versions, NOW, { perRoom: 3, bytesPerRoom: 10_000 })).toEqual(["auto-old"]);
    expect(versionsToDrop(versions, NOW, { perRoom: 10, bytesPerRoom: 250 })).toEqual(["auto-old", "auto-new"]);
    expect(versionsToDrop(versions, NOW, { perRoom: 1, bytesPerRoom: 10_000 })).toEqual(["auto-old", "auto-new", "before-restore"]);
  });
});
