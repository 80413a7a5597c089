import "server-only";
import { errorBodySchema, roomListSchema, roomSchema, type Room } from "@umbra/protocol";

/** Where this Next server reaches collab-server (server side, never the browser). */
export function collabUrl(): string {
  return process.env.UMBRA_COLLAB_URL ?? `http://127.0.0.1:${process.env.COLLAB_PORT ?? "3001"}`;
}

export class CollabApiError extends Error {}

async function call(path: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(new URL(path, collabUrl()), { ...init, cache: "no-store" });
  } catch (error) {
    throw new CollabApiError(`collab-server is not reachable at ${collabUrl()} (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function errorMessage(response: Response): Promise<string> {
  const parsed = errorBodySchema.safeParse(await response.json().catch(() => null));
  return parsed.success ? parsed.data.error.message : `collab-server answered ${response.status}`;
}

export async function listRooms(): Promise<Room[]> {
  const response = await call("/api/rooms");
  if (!response.ok) throw new CollabApiError(await errorMessage(response));
  return roomListSchema.parse(await response.json()).rooms;
}

/** The room, or null when collab-server says it does not exist. */
export async function getRoom(id: string): Promise<Room | null> {
  const response = await call(`/api/rooms/${encodeURIComponent(id)}`);
  if (response.status === 404) return null;
  if (!response.ok) throw new CollabApiError(await errorMessage(response));
  return roomSchema.parse(await response.json());
}

export async function createRoom(name: string): Promise<{ ok: true; room: Room } | { ok: false; message: string }> {
  const response = await call("/api/rooms", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) });
  if (!response.ok) return { ok: false, message: await errorMessage(response) };
  return { ok: true, room: roomSchema.parse(await response.json()) };
}
