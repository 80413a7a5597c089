"use client";

import type { Peer } from "@/lib/room-client/room-doc-connection";

/** Says whom you follow (with a way out), or offers to follow someone who is presenting. */
export function FollowBanner({ followed, presenter, onFollow }: { followed: Peer | null; presenter: Peer | null; onFollow: (clientId: number | null) => void }) {
  if (followed) {
    return (
      <div className="flex items-center gap-3 rounded-xl border px-4 py-2 text-sm text-white" style={{ borderColor: followed.state.user.color }} data-testid="follow-banner" role="status">
        <span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: followed.state.user.color }} />
        Following {followed.state.user.name}
        {followed.state.presenting ? " (presenting)" : ""}: your playhead moves with theirs until you move it.
        <button type="button" onClick={() => onFollow(null)} className="ml-auto rounded-md px-2 py-0.5 text-ink-300 hover:bg-ink-800 hover:text-white">
          Stop following
        </button>
      </div>
    );
  }
  if (presenter) {
    return (
      <div className="flex items-center gap-3 rounded-xl border border-ink-600 px-4 py-2 text-sm text-ink-200" data-testid="present-invite" role="status">
        {presenter.state.user.name} is presenting.
        <button type="button" onClick={() => onFollow(presenter.clientId)} className="ml-auto rounded-md bg-accent-500 px-3 py-1 text-white hover:bg-accent-400">
          Follow
        </button>
      </div>
    );
  }
  return null;
}
