"use client";

import { can } from "@umbra/protocol";
import { usePlayheadValue, useStudio } from "@/lib/studio-context";
import { ConnectionBadge } from "./ConnectionBadge";
import { LocalIdentityEditor } from "./LocalIdentityEditor";
import { PeopleHere } from "./PeopleHere";
import { RoomSettings } from "./RoomSettings";
import { RoomTitle } from "./RoomTitle";

/** The room's bar: its name, you and the people here (follow, present), the connections, the room's settings, History, and Share for its managers. */
export function StudioHeader({ sharing, onSharing }: { sharing: boolean; onSharing: (sharing: boolean) => void }) {
  const { room, me, identity, setIdentity, myUser, people, playhead, presenting, setPresenting, frames, doc, canEdit, history } = useStudio();
  const following = usePlayheadValue((s) => s.following);
  const loadingSnapshot = frames.workers.flatMap((w) => w.loading).find((l) => l.model === room.model) ?? null;
  return (
    <header className="flex shrink-0 flex-wrap items-center gap-x-4 gap-y-2 border-b border-ink-800 px-4 py-2">
      <RoomTitle room={room} loadingSnapshot={loadingSnapshot} />
      <div className="flex flex-wrap items-center gap-3">
        {identity && <LocalIdentityEditor identity={identity} shownColor={myUser.color} onChange={setIdentity} />}
        <PeopleHere me={myUser} peers={people} following={following} presenting={presenting} onFollow={(clientId) => playhead.follow(clientId)} onPresent={setPresenting} />
        <ConnectionBadge connection={frames.connection} joined={frames.joined} workers={frames.workers} document={doc.status} waiting={doc.waiting} />
        <RoomSettings
          room={room}
          chains={doc.chains}
          isOwner={room.role === "owner"}
          truncation={doc.roomTruncation}
          numbering={doc.numbering}
          canEdit={canEdit}
          onTruncation={(truncation) => doc.room?.setRoomTruncation(truncation)}
          onNumbering={(patch) => doc.room?.setFrameNumbering(patch)}
        />
        <button
          type="button"
          onClick={() => {
            history.setOpen(!history.open);
            onSharing(false);
          }}
          aria-expanded={history.open}
          className={`rounded-lg border px-3 py-1.5 text-sm ${history.open || history.previewing ? "border-amber-500 text-amber-100" : "border-ink-600 text-ink-200 hover:bg-ink-800"}`}
        >
          History
        </button>
        {can(room.role, "manage") && !me.open && (
          <button
            type="button"
            onClick={() => {
              onSharing(!sharing);
              history.setOpen(false);
            }} aria-expanded={sharing} className="rounded-lg bg-accent-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-400">
            Share
          </button>
        )}
      </div>
    </header>
  );
}
