"use server";

import { redirect } from "next/navigation";
import type { FormState } from "@/app/actions";
import { collabApi } from "@/lib/collab-api";

export async function acceptInviteAction(_previous: FormState, form: FormData): Promise<FormState> {
  const result = await collabApi.acceptInvite(String(form.get("secret") ?? ""));
  if (!result.ok) return { error: result.message };
  redirect(`/rooms/${result.value.roomId}`);
}
