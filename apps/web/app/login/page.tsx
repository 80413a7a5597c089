import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/AuthForm";
import { collabApi } from "@/lib/collab-api";
import { safeNext } from "@/lib/safe-next";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in · Umbra" };

interface Props {
  searchParams: Promise<{ mode?: string; next?: string; reset?: string }>;
}

export default async function LoginPage({ searchParams }: Props) {
  const { mode, next, reset } = await searchParams;
  const target = safeNext(next);
  // Already signed in, or no accounts at all (UMBRA_OPEN=1): nothing to do here.
  if ((await collabApi.me()).ok) redirect(target);
  return (
    <div className="flex flex-col items-center gap-4 pt-10">
      {reset === "1" && (
        <p role="status" className="w-full max-w-sm rounded-lg border border-emerald-900 bg-emerald-950/40 p-3 text-sm text-emerald-300">
          Your new password is set, and every earlier session of your account has ended. Sign in with it.
        </p>
      )}
      <AuthForm mode={mode === "signup" ? "signup" : "login"} next={target} />
    </div>
  );
}
