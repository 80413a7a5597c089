"use server";

import { redirect } from "next/navigation";
import { changePasswordBodySchema, createPasswordResetBodySchema, usePasswordResetBodySchema, validate } from "@umbra/protocol";
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

/** A form's answer that says what happened when it worked: the reset link made, the password changed. */
export interface DoneState extends FormState {
  done: string | null;
}

/** A signed-in person changes their own password; their other sessions end. */
export async function changePasswordAction(_previous: DoneState, form: FormData): Promise<DoneState> {
  const password = String(form.get("password") ?? "");
  if (password !== String(form.get("confirm") ?? "")) return { error: "the two new passwords differ", done: null };
  const body = validate(changePasswordBodySchema, { current: String(form.get("current") ?? ""), password }, "password change");
  if (!body.ok) return { error: body.error.message, done: null };
  const result = await collabApi.changePassword(body.value);
  return result.ok ? { error: null, done: "Your password is changed. Every other session of your account has ended." } : { error: result.message, done: null };
}

/** An admin makes a one-time password reset link for an account; it is shown once, to hand on. */
export async function createPasswordResetAction(_previous: DoneState, form: FormData): Promise<DoneState> {
  const body = validate(createPasswordResetBodySchema, { login: String(form.get("login") ?? "").trim() }, "password reset");
  if (!body.ok) return { error: body.error.message, done: null };
  const result = await collabApi.createPasswordReset(body.value);
  if (!result.ok) return { error: result.message, done: null };
  return { error: null, done: `/reset/${result.value.secret}` };
}

/** Whoever holds a reset link sets the account's new password, then signs in with it. */
export async function usePasswordResetAction(_previous: FormState, form: FormData): Promise<FormState> {
  const secret = String(form.get("secret") ?? "");
  const password = String(form.get("password") ?? "");
  if (password !== String(form.get("confirm") ?? "")) return { error: "the two passwords differ" };
  const body = validate(usePasswordResetBodySchema, { password }, "new password");
  if (!body.ok) return { error: body.error.message };
  const result = await collabApi.usePasswordReset(secret, body.value);
  if (!result.ok) return { error: result.message };
  await clearSessionCookie();
  redirect("/login?reset=1");
}
