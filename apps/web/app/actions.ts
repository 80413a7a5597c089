"use server";

import { redirect } from "next/navigation";
import { collabApi } from "@/lib/collab-api";
import { safeNext } from "@/lib/safe-next";
import { clearSessionCookie, setSessionCookie } from "@/lib/session-cookie";

export interface FormState {
  error: string | null;
}

export async function createRoomAction(_previous: FormState, form: FormData): Promise<FormState> {
  const model = form.get("model");
  const result = await collabApi.createRoom(String(form.get("name") ?? ""), typeof model === "string" && model !== "" ? model : undefined);
  if (!result.ok) return { error: result.message };
  redirect(`/rooms/${result.value.id}`);
}

export async function authAction(_previous: FormState, form: FormData): Promise<FormState> {
  const login = String(form.get("login") ?? "");
  const password = String(form.get("password") ?? "");
  const result = form.get("mode") === "signup" ? await collabApi.signUp(login, password) : await collabApi.signIn(login, password);
  if (!result.ok) return { error: result.message };
  await setSessionCookie(result.value.token, result.value.expiresAt);
  redirect(safeNext(form.get("next")));
}

export async function signOutAction(): Promise<void> {
  const result = await collabApi.signOut();
  // The cookie goes either way; a failed server-side logout only leaves a session that expires.
  if (!result.ok) console.error(`sign-out: collab-server did not end the session: ${result.message}`);
  await clearSessionCookie();
  redirect("/login");
}
