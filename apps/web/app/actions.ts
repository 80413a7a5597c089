"use server";

import { redirect } from "next/navigation";
import { createRoom } from "@/lib/collab-api";

export interface CreateRoomState {
  error: string | null;
}

export async function createRoomAction(_previous: CreateRoomState, form: FormData): Promise<CreateRoomState> {
  const name = String(form.get("name") ?? "");
  const result = await createRoom(name).catch((error: unknown) => ({ ok: false as const, message: error instanceof Error ? error.message : String(error) }));
  if (!result.ok) return { error: result.message };
  redirect(`/rooms/${result.room.id}`);
}
