import type { RoomVersion } from "@umbra/protocol";

/** When a version was kept, as this browser writes dates and times. */
export function versionTime(version: Pick<RoomVersion, "createdAt">): string {
  return new Date(version.createdAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** What History calls a version: its name, or what kept it (its time is shown beside). */
export function versionLabel(version: Pick<RoomVersion, "kind" | "name">): string {
  return version.name ?? (version.kind === "auto" ? "Autosaved version" : "Kept version");
}

/** A version as others see it in your presence: its name, or what kept it and when. */
export function versionPresenceLabel(version: Pick<RoomVersion, "kind" | "name" | "createdAt">): string {
  return version.name ?? `${versionLabel(version)} of ${versionTime(version)}`;
}

/** "1 chain", "3 chains". */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
