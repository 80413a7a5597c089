import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/AuthForm";
import { collabApi } from "@/lib/collab-api";
import { safeNext } from "@/lib/safe-next";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in · Umbra" };

interface Props {
  searchParams: Promise<{ mode?: string; next?: string }>;
}

export default async function LoginPage({ searchParams }: Props) {
  const { mode, next } = await searchParams;
  const target = safeNext(next);
  // Already signed in, or no accounts at all (UMBRA_OPEN=1): nothing to do here.
  if ((await collabApi.me()).ok) redirect(target);
  return (
    <div className="flex justify-center pt-10">
      <AuthForm mode={mode === "signup" ? "signup" : "login"} next={target} />
    </div>
  );
}
