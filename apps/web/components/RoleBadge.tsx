import type { Role } from "@umbra/protocol";

const STYLE: Record<Role, string> = {
  owner: "border-accent-500/50 text-accent-300",
  editor: "border-emerald-700 text-emerald-300",
  commenter: "border-amber-700 text-amber-300",
  viewer: "border-ink-600 text-ink-300",
};

/** A member's role as a small pill. */
export function RoleBadge({ role }: { role: Role }) {
  return <span className={`shrink-0 rounded-full border px-2 py-0.5 text-[11px] font-medium capitalize ${STYLE[role]}`}>{role}</span>;
}
