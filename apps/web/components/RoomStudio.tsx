"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { seedFrameRecipe } from "@umbra/latent";
import { can, type Me, type Room } from "@umbra/protocol";
import { resolveCollabUrl, type PublicCollabAddress } from "@/lib/public-collab-url";
import { useRoomDoc } from "@/lib/use-room-doc";
import { useRoomFrames } from "@/lib/use-room-frames";
import { ConnectionBadge } from "./ConnectionBadge";
import { FrameDetails } from "./FrameDetails";
import { FramePreview } from "./FramePreview";
import { KeyframeChain } from "./KeyframeChain";
import { PeopleHere } from "./PeopleHere";
import { PresenceLayer } from "./PresenceLayer";
import { RoleBadge } from "./RoleBadge";
import { SeedControls } from "./SeedControls";
import { SharePanel } from "./SharePanel";

/** A room: the shared frame with everyone's cursors, its controls, the keyframe chain, and sharing for the owner. */
export function RoomStudio({ room, me, collab }: { room: Room; me: Me; collab: PublicCollabAddress }) {
  // The browser's own location decides the default collab URL, so resolve after mount.
  const [collabUrl, setCollabUrl] = useState<string | null>(null);
  useEffect(() => setCollabUrl(resolveCollabUrl(collab, window.location)), [collab]);
  const [accessLost, setAccessLost] = useState<string | null>(null);
  const [sharing, setSharing] = useState(false);
  const onAccessLost = useCallback((message: string) => setAccessLost(message), []);
  const live = accessLost === null ? collabUrl : null;
  const frames = useRoomFrames(live, room.id, onAccessLost);
  const doc = useRoomDoc(live, room.id, me.user, room.role, onAccessLost);
  const ready = frames.joined && frames.workers.length > 0;
  const from = frames.frame?.recipe.from;
  const shownSeed = from && "seed" in from ? from.seed : null;
  const render = (seed: number) => frames.request(seedFrameRecipe(room.model, seed));

  if (accessLost !== null) {
    return (
      <div className="mx-auto flex max-w-md flex-col gap-3 rounded-2xl border border-rose-900 bg-rose-950/30 p-6" role="alert" data-testid="access-lost">
        <h1 className="text-lg font-semibold text-white">You no longer have access to {room.name}</h1>
        <p className="text-sm text-rose-200">{accessLost}</p>
        <Link href="/" className="self-start rounded-lg border border-ink-600 px-3 py-1.5 text-sm text-ink-200 hover:bg-ink-800">
          Back to your rooms
        </Link>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <div className="flex items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight text-white">{room.name}</h1>
            <RoleBadge role={room.role} />
          </div>
          <p className="mt-1 text-sm text-ink-400">Model {room.model}</p>
        </div>
        <div className="flex items-center gap-4">
          <PeopleHere me={me.user} peers={doc.peers} />
          <ConnectionBadge connection={frames.connection} workers={frames.workers} />
          {can(room.role, "manage") && !me.open && (
            <button
              type="button"
              onClick={() => setSharing((s) => !s)}
              aria-expanded={sharing}
              className="rounded-lg bg-accent-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-400"
            >
              Share
            </button>
          )}
        </div>
      </div>
      {sharing && <SharePanel roomId={room.id} />}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,512px)_minmax(280px,360px)]">
        <div className="relative">
          <FramePreview frame={frames.frame} rendering={frames.pendingHash !== null} />
          <PresenceLayer peers={doc.peers} onMove={doc.moveCursor} />
        </div>
        <aside className="flex flex-col gap-5 rounded-2xl border border-ink-700 bg-ink-900/60 p-5">
          <SeedControls disabled={!ready} shownSeed={shownSeed} onSeed={render} />
          {[frames.error, doc.error].filter(Boolean).map((message) => (
            <p key={message} role="alert" className="rounded-lg border border-rose-900 bg-rose-950/40 p-3 text-sm text-rose-300">
              {message}
            </p>
          ))}
          <KeyframeChain
            keyframes={doc.keyframes}
            canEdit={can(room.role, "edit") && doc.synced}
            currentSeed={shownSeed}
            onAdd={(seed) => doc.doc?.addKeyframe(seed)}
            onRemove={(id) => doc.doc?.removeKeyframe(id)}
            onShow={render}
          />
          <FrameDetails frame={frames.frame} />
        </aside>
      </div>
    </div>
  );
}
