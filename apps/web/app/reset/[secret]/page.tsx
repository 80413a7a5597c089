import type { Metadata } from "next";
import { PasswordResetForm } from "@/components/PasswordResetForm";
import { ServiceProblem } from "@/components/ServiceProblem";
import { collabApi } from "@/lib/collab-api";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New password · Umbra", referrer: "no-referrer" };

const STATUS_TEXT = {
  used: "This password reset link was used already.",
  expired: "This password reset link has expired.",
} as const;

/** A one-time link an admin made: the account it is for, and a form for its new password. */
export default async function ResetPage({ params }: { params: Promise<{ secret: string }> }) {
  const { secret } = await params;
  const reset = await collabApi.passwordReset(secret);
  if (!reset.ok) return <ServiceProblem message={reset.message} />;
  const { login, displayName, status } = reset.value;
  return (
    <div className="flex justify-center pt-10">
      <div className="flex w-full max-w-sm flex-col gap-4 rounded-2xl border border-ink-700 bg-ink-900 p-6 shadow-lg shadow-black/20">
        <h1 className="text-xl font-semibold tracking-tight text-white">A new password for {displayName}</h1>
        <p className="text-sm text-ink-300">
          Signing in as <span className="font-mono text-ink-100">{login}</span>. Setting it ends every session of this account, everywhere.
        </p>
        {status === "active" ? <PasswordResetForm secret={secret} /> : <ServiceProblem message={`${STATUS_TEXT[status]} Ask an admin for a new one.`} />}
      </div>
    </div>
  );
}
