/** A page-level problem the person cannot fix here (collab-server down, …), said plainly. */
export function ServiceProblem({ message }: { message: string }) {
  return (
    <p role="alert" className="rounded-xl border border-rose-900 bg-rose-950/40 p-4 text-sm text-rose-300">
      {message}
    </p>
  );
}
