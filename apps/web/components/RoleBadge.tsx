import type { Role } from "@umbra/protocol";

const STYLE: Record<Role, string> = {
  owner: "border-accent-500/50 text-accent-300",
  editor: "border-emerald-700 text-emerald-300",
  commenter: "border-amber-700 text-amber-300",
  viewer: "border-ink-600 text-ink-300",
};

/** What each role may do, in a sentence, for the badge's tooltip. */
export const ROLE_ALLOWS: Record<Role, string> = {
  owner: "Owner: edits chains, writes notes, exports, shares the room and manages its members.",
  editor: "Editor: edits chains, writes notes and exports.",
  commenter: "Commenter: writes notes and follows along; editors change the chains.",
  viewer: "Viewer: watches, follows and downloads exports; commenters write notes, editors change the chains.",
};

/** A member's role as a small pill; hovering says what the role allows. */
export function RoleBadge({ role }: { role: Role }) {
  return (
    <span title={ROLE_ALLOWS[role]} className={`shrink-0 cursor-help rounded-full border px-2 py-0.5 text-[11px] font-medium capitalize ${STYLE[role]}`}>
      {role}
    </span>
  );
}
