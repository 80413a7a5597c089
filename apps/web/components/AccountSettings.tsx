"use client";

import { useActionState } from "react";
import { changePasswordAction, createPasswordResetAction, type DoneState } from "@/app/actions";
import { FormProblem } from "./FormProblem";
import { NewPasswordFields } from "./NewPasswordFields";

const box = "flex flex-col gap-4 rounded-2xl border border-ink-700 bg-ink-900 p-6 shadow-lg shadow-black/20";
const field = "w-full rounded-lg border border-ink-600 bg-ink-950 px-3 py-2 text-sm text-white focus:border-accent-500 focus:outline-none";
const submit = "self-start rounded-lg bg-accent-500 px-4 py-2 text-sm font-medium text-white transition hover:bg-accent-400 disabled:opacity-60";

/** Your password, and for admins (UMBRA_ADMINS) one-time reset links for people who lost theirs. */
export function AccountSettings({ admin }: { admin: boolean }) {
  const [changed, change, changing] = useActionState<DoneState, FormData>(changePasswordAction, { error: null, done: null });
  const [reset, makeReset, making] = useActionState<DoneState, FormData>(createPasswordResetAction, { error: null, done: null });
  return (
    <div className="flex w-full max-w-md flex-col gap-6">
      <form action={change} className={box} aria-label="Change your password">
        <h2 className="text-lg font-semibold text-white">Change your password</h2>
        <label className="flex flex-col gap-1.5 text-sm text-ink-300">
          Current password
          <input name="current" type="password" required autoComplete="current-password" maxLength={200} className={field} />
        </label>
        <NewPasswordFields />
        <FormProblem message={changed.error} />
        {changed.done && (
          <p role="status" className="text-sm text-emerald-300">
            {changed.done}
          </p>
        )}
        <button type="submit" disabled={changing} className={submit}>
          Change password
        </button>
      </form>
      {admin && (
        <form action={makeReset} className={box} aria-label="Password reset link">
          <h2 className="text-lg font-semibold text-white">Password reset link</h2>
          <p className="text-sm text-ink-300">For someone who lost their password: a link that sets a new one, once, within a day. Using it ends every session of that account.</p>
          <label className="flex flex-col gap-1.5 text-sm text-ink-300">
            Their sign-in name
            <input name="login" required maxLength={40} className={field} />
          </label>
          <FormProblem message={reset.error} />
          {reset.done && (
            <div role="status" className="flex flex-col gap-1.5 text-sm text-ink-300">
              Hand on this link; it is shown only now:
              <input readOnly value={`${window.location.origin}${reset.done}`} aria-label="Reset link" className={`${field} font-mono text-xs`} onFocus={(event) => event.currentTarget.select()} />
            </div>
          )}
          <button type="submit" disabled={making} className={submit}>
            Make a link
          </button>
        </form>
      )}
    </div>
  );
}
