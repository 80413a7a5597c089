/** A new password typed twice, as every form that sets one asks for it. */
export function NewPasswordFields() {
  const field = "w-full rounded-lg border border-ink-600 bg-ink-950 px-3 py-2 text-sm text-white focus:border-accent-500 focus:outline-none";
  return (
    <>
      <label className="flex flex-col gap-1.5 text-sm text-ink-300">
        New password
        <input name="password" type="password" required autoComplete="new-password" minLength={8} maxLength={200} className={field} />
      </label>
      <label className="flex flex-col gap-1.5 text-sm text-ink-300">
        New password again
        <input name="confirm" type="password" required autoComplete="new-password" minLength={8} maxLength={200} className={field} />
      </label>
      <p className="text-xs text-ink-400">At least 8 characters.</p>
    </>
  );
}
