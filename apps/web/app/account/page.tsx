import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AccountSettings } from "@/components/AccountSettings";
import { collabApi } from "@/lib/collab-api";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Account · Umbra" };

/** Your account: your password, and reset links for admins. Local mode has no passwords. */
export default async function AccountPage() {
  const me = await collabApi.me();
  if (!me.ok) redirect(`/login?${new URLSearchParams({ next: "/account" })}`);
  if (me.value.open) redirect("/");
  return (
    <div className="flex flex-col items-center gap-4 pt-10">
      <h1 className="text-xl font-semibold tracking-tight text-white">Your account, {me.value.user.displayName}</h1>
      <AccountSettings admin={me.value.admin} />
    </div>
  );
}
