import type { Metadata } from "next";
import Link from "next/link";
import { JoinRoomForm } from "@/components/JoinRoomForm";
import { RoleBadge } from "@/components/RoleBadge";
import { ServiceProblem } from "@/components/ServiceProblem";
import { collabApi } from "@/lib/collab-api";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Invitation · Umbra", referrer: "no-referrer" };

const STATUS_TEXT = {
  expired: "This invitation has expired.",
  "used-up": "This invitation has been used as many times as it allows.",
  revoked: "This invitation was revoked by the room's owner.",
} as const;

const ROLE_TEXT = {
  owner: "own",
  editor: "edit keyframe chains and export",
  commenter: "watch, follow and comment",
  viewer: "watch and follow along",
} as const;

export default async function JoinPage({ params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  const [invite, me] = await Promise.all([collabApi.invite(secret), collabApi.me()]);
  if (!invite.ok) return <ServiceProblem message={invite.message} />;
  const { roomName, role, status } = invite.value;
  const back = `/join/${secret}`;
  return (
    <div className="flex justify-center pt-10">
      <div className="flex w-full max-w-md flex-col gap-4 rounded-2xl border border-ink-700 bg-ink-900 p-6 shadow-lg shadow-black/20">
        <p className="text-sm text-ink-400">You are invited to</p>
        <div className="flex items-center justify-between gap-3">
          <h1 className="min-w-0 break-words text-xl font-semibold tracking-tight text-white">{roomName}</h1>
          <RoleBadge role={role} />
        </div>
        <p className="text-sm text-ink-300">As a {role} you can {ROLE_TEXT[role]}.</p>
        {status !== "active" ? (
          <ServiceProblem message={`${STATUS_TEXT[status]} Ask the owner for a new link.`} />
        ) : me.ok ? (
          <JoinRoomForm secret={secret} who={me.value.user.displayName} />
        ) : (
          <div className="flex gap-2">
            <Link href={`/login?${new URLSearchParams({ next: back })}`} className="rounded-lg bg-accent-500 px-4 py-2 text-sm font-medium text-white hover:bg-accent-400">
              Sign in to join
            </Link>
            <Link href={`/login?${new URLSearchParams({ mode: "signup", next: back })}`} className="rounded-lg border border-ink-600 px-4 py-2 text-sm text-ink-200 hover:bg-ink-800">
              Create an account
            </Link>
          </div>
        )}
      </div>
    </div>
  );
}
