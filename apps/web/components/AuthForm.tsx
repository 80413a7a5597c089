"use client";

import Link from "next/link";
import { useActionState } from "react";
import { authAction, type FormState } from "@/app/actions";
import { FormProblem } from "./FormProblem";

const field =
  "w-full rounded-lg border border-ink-600 bg-ink-950 px-3 py-2 text-sm text-white placeholder:text-ink-400 focus:border-accent-500 focus:outline-none";

/** Sign in or create an account; `next` is where to go afterwards. */
export function AuthForm({ mode, next }: { mode: "login" | "signup"; next: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(authAction, { error: null });
  const signup = mode === "signup";
  const other = `/login?${new URLSearchParams({ ...(signup ? {} : { mode: "signup" }), ...(next === "/" ? {} : { next }) })}`;
  return (
    <form action={action} className="flex w-full max-w-sm flex-col gap-4 rounded-2xl border border-ink-700 bg-ink-900 p-6 shadow-lg shadow-black/20">
      <h1 className="text-xl font-semibold tracking-tight text-white">{signup ? "Create your account" : "Sign in to Umbra"}</h1>
      <input type="hidden" name="mode" value={mode} />
      <input type="hidden" name="next" value={next} />
      <label className="flex flex-col gap-1.5 text-sm text-ink-300">
        Name
        <input name="login" required autoComplete="username" minLength={2} maxLength={40} placeholder="e.g. ada" className={field} />
      </label>
      <label className="flex flex-col gap-1.5 text-sm text-ink-300">
        Password
        <input
          name="password"
          type="password"
          required
          autoComplete={signup ? "new-password" : "current-password"}
          minLength={signup ? 8 : 1}
          maxLength={200}
          className={field}
        />
      </label>
      {signup && <p className="text-xs text-ink-400">At least 8 characters. Names use letters, digits, dots, dashes and underscores.</p>}
      <FormProblem message={state.error} />
      <button type="submit" disabled={pending} className="rounded-lg bg-accent-500 px-4 py-2 text-sm font-medium text-white transition hover:bg-accent-400 disabled:opacity-60">
        {pending ? "One moment…" : signup ? "Create account" : "Sign in"}
      </button>
      <p className="text-sm text-ink-400">
        {signup ? "Already have an account? " : "New here? "}
        <Link href={other} className="text-accent-300 hover:text-accent-200">
          {signup ? "Sign in" : "Create an account"}
        </Link>
      </p>
    </form>
  );
}
