"use client";

import type { User } from "@umbra/protocol";
import type { Peer } from "@/lib/room-client/room-doc-connection";

/** Who is here: click someone to follow them; Present asks everyone to follow you. */
export function PeopleHere({
  me,
  peers,
  following,
  presenting,
  onFollow,
  onPresent,
}: {
  me: User;
  peers: Peer[];
  following: number | null;
  presenting: boolean;
  onFollow: (clientId: number | null) => void;
  onPresent: (on: boolean) => void;
}) {
  return (
    <div className="flex items-center gap-3">
      <ul className="flex -space-x-1.5" aria-label="People in this room" data-testid="people-here">
        <li title={`${me.displayName} (you)`} className="flex h-7 w-7 items-center justify-center rounded-full border-2 border-ink-950 text-xs font-semibold uppercase text-black" style={{ backgroundColor: me.color }}>
          {me.displayName.slice(0, 1)}
        </li>
        {peers.map(({ clientId, state }) => (
          <li key={clientId} className="relative">
            <button
              type="button"
              onClick={() => onFollow(following === clientId ? null : clientId)}
              title={`${state.user.name} · ${state.user.role}${state.history ? ` · in History, viewing ${state.history.version}` : ""}${following === clientId ? " (following)" : " · click to follow"}`}
              aria-label={`Follow ${state.user.name}`}
              aria-pressed={following === clientId}
              className={`flex h-7 w-7 items-center justify-center rounded-full border-2 text-xs font-semibold uppercase text-black ${following === clientId ? "border-white" : state.history ? "border-dashed border-amber-400 opacity-70" : "border-ink-950"}`}
              style={{ backgroundColor: state.user.color }}
            >
              {state.user.name.slice(0, 1)}
            </button>
            {state.history && (
              <>
                {/* The dashed ring alone was hard to see at small sizes: an amber dot says "in History" too. */}
                <span aria-hidden className="pointer-events-none absolute -bottom-0.5 -right-0.5 h-2.5 w-2.5 rounded-full bg-amber-400 ring-2 ring-ink-950" />
                <span className="sr-only" data-testid="in-history">
                  {state.user.name} is in History, viewing {state.history.version}
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => onPresent(!presenting)}
        aria-pressed={presenting}
        className={`rounded-lg border px-2.5 py-1 text-xs ${presenting ? "border-rose-500 bg-rose-500/20 text-rose-200" : "border-ink-600 text-ink-200 hover:bg-ink-800"}`}
      >
        {presenting ? "Stop presenting" : "Present"}
      </button>
    </div>
  );
}
