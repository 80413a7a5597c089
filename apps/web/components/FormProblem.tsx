/** Why a form's last submission did nothing, under the form, until the next try; nothing when there is no problem. */
export function FormProblem({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-lg border border-rose-900 bg-rose-950/40 p-3 text-sm text-rose-300">
      {message}
    </p>
  );
}
