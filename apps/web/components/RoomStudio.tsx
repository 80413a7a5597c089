"use client";

import { useEffect, useState } from "react";
import { seedFrameRecipe } from "@umbra/latent";
import type { Room } from "@umbra/protocol";
import { resolveCollabUrl, type PublicCollabAddress } from "@/lib/public-collab-url";
import { useRoomFrames } from "@/lib/use-room-frames";
import { ConnectionBadge } from "./ConnectionBadge";
import { FrameDetails } from "./FrameDetails";
import { FramePreview } from "./FramePreview";
import { SeedControls } from "./SeedControls";

/** A room: the shared frame, its controls, and who renders it. */
export function RoomStudio({ room, collab }: { room: Room; collab: PublicCollabAddress }) {
  // The browser's own location decides the default collab URL, so resolve after mount.
  const [collabUrl, setCollabUrl] = useState<string | null>(null);
  useEffect(() => setCollabUrl(resolveCollabUrl(collab, window.location)), [collab]);
  const frames = useRoomFrames(collabUrl, room.id);
  const ready = frames.joined && frames.workers.length > 0;
  const from = frames.frame?.recipe.from;
  const shownSeed = from && "seed" in from ? from.seed : null;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-white">{room.name}</h1>
          <p className="mt-1 text-sm text-ink-400">Model {room.model}</p>
        </div>
        <ConnectionBadge connection={frames.connection} workers={frames.workers} />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,512px)_minmax(280px,360px)]">
        <FramePreview frame={frames.frame} rendering={frames.pendingHash !== null} />
        <aside className="flex flex-col gap-5 rounded-2xl border border-ink-700 bg-ink-900/60 p-5">
          <SeedControls disabled={!ready} shownSeed={shownSeed} onSeed={(seed) => frames.request(seedFrameRecipe(room.model, seed))} />
          {frames.error && (
            <p role="alert" className="rounded-lg border border-rose-900 bg-rose-950/40 p-3 text-sm text-rose-300">
              {frames.error}
            </p>
          )}
          <FrameDetails frame={frames.frame} />
          <p className="text-xs leading-relaxed text-ink-400">Everyone in this room sees each new frame the moment it is rendered. Share this page&apos;s address to invite someone.</p>
        </aside>
      </div>
    </div>
  );
}
