import "server-only";
import { redirect } from "next/navigation";
import type { Me } from "@umbra/protocol";
import { collabApi } from "./collab-api";

/**
 * The signed-in person (or the local user in open mode), or why they cannot be
 * known. Without a session the page sends them to sign in and back to `returnTo`.
 */
export async function requireUser(returnTo: string): Promise<{ ok: true; me: Me } | { ok: false; message: string }> {
  const me = await collabApi.me();
  if (me.ok) return { ok: true, me: me.value };
  if (me.status === 401) redirect(`/login?${new URLSearchParams({ next: returnTo })}`);
  return { ok: false, message: me.message };
}
