"use client";

import { useActionState } from "react";
import { usePasswordResetAction, type FormState } from "@/app/actions";
import { NewPasswordFields } from "./NewPasswordFields";
import { FormProblem } from "./FormProblem";

/** The new password through a reset link; on success the person signs in with it. */
export function PasswordResetForm({ secret }: { secret: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(usePasswordResetAction, { error: null });
  return (
    <form action={action} className="flex flex-col gap-4">
      <input type="hidden" name="secret" value={secret} />
      <NewPasswordFields />
      <FormProblem message={state.error} />
      <button type="submit" disabled={pending} className="rounded-lg bg-accent-500 px-4 py-2 text-sm font-medium text-white transition hover:bg-accent-400 disabled:opacity-60">
        {pending ? "One moment…" : "Set password"}
      </button>
    </form>
  );
}
