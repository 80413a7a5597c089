"use client";

import { useEffect, useMemo, useRef } from "react";
import { recipeHash } from "@umbra/latent";
import { comparedFrames } from "@/lib/comparison";
import { usePlayheadValue, useStudio } from "@/lib/studio-context";
import { useFramePrefetch } from "@/lib/use-frame-prefetch";
import { useHeldFrames } from "@/lib/use-held-frames";
import { useShownFrame } from "@/lib/use-shown-frame";
import { shallowEqual } from "@/lib/use-store";
import { CompareView } from "./CompareView";
import { DocumentNotices } from "./DocumentNotices";
import { FollowBanner } from "./FollowBanner";
import { HistoryBanner } from "./HistoryBanner";
import { FramePreview } from "./FramePreview";
import { PresenceLayer } from "./PresenceLayer";
import { PreviewNotices } from "./PreviewNotices";
import { ReviewOverlays } from "./ReviewOverlays";
import { WipeView } from "./WipeView";

/**
 * The preview: the frame at your playhead (or the one you follow, or a scratch
 * seed's), asked for and prefetched around as the playhead moves, with everyone's
 * cursors, the notes' overlays, the A/B view, and what stands over it (follow,
 * problems, the last command's outcome). It re-renders as the playhead moves; the
 * panels beside it do not.
 */
export function PreviewStage() {
  const { room, frames, doc, review, ready, compare, overrides, playhead, share, outcome, setOutcome, people, myUser, history } = useStudio();
  const { chain, frame, total, direction, playing, buffering, following, scratch } = usePlayheadValue(
    (s) => ({ chain: s.chain, frame: s.frame, total: s.total, direction: s.direction, playing: s.playing, buffering: s.buffering, following: s.following, scratch: s.scratch }),
    shallowEqual,
  );
  const { shownRecipe, shownHash, shown, waiting } = useShownFrame();
  const { held, request, prefetch } = frames;

  // Your own frame goes to the whole room, so whoever follows you holds it too; a
  // follower's frames come from the leader and from prefetch.
  const lastRequested = useRef<string | null>(null);
  useEffect(() => {
    // A reconnect empties this browser's frames: ask again for what is on screen.
    if (!ready) lastRequested.current = null;
    if (!ready || !shownRecipe || !shownHash || shownHash === lastRequested.current || held(shownHash)) return;
    if (following !== null && scratch === null) return;
    lastRequested.current = shownHash;
    request(shownRecipe, following !== null ? "me" : "room");
  }, [ready, shownRecipe, shownHash, following, scratch, held, request]);
  useFramePrefetch(prefetch, ready, chain, frame, total, direction, room.model, overrides);

  // The A/B view's two frames, fetched for this browser only.
  const compared = useMemo(() => (compare ? comparedFrames(chain, frame, room.model, overrides, compare) : null), [chain, frame, room.model, overrides, compare]);
  const comparedHashes = useMemo(() => compared?.map((c) => recipeHash(c.recipe)) ?? [], [compared]);
  const comparedHeld = useHeldFrames(frames.store, comparedHashes);
  useEffect(() => {
    if (!ready || !compared) return;
    compared.forEach((c, i) => {
      if (!held(comparedHashes[i]!)) request(c.recipe, "me");
    });
  }, [ready, compared, comparedHashes, held, request]);

  const moving = playing || following !== null;
  const followed = people.find((p) => p.clientId === following) ?? null;
  const presenter = people.find((p) => p.state.presenting && p.clientId !== following) ?? null;
  return (
    <section className="relative flex min-w-0 flex-1 flex-col gap-2 p-3" aria-label="Preview">
      {history.previewing && <HistoryBanner previewing={history.previewing} canRestore={history.canRestore} onRestore={() => history.askRestore(history.previewing!.version)} onBack={history.stopPreview} />}
      <FollowBanner followed={followed} presenter={presenter} onFollow={(clientId) => playhead.follow(clientId)} />
      <PreviewNotices problems={[frames.error, doc.error, review.problem]} outcome={outcome} onDismissOutcome={() => setOutcome(null)} roleChange={frames.roleChange} />
      <DocumentNotices roomId={room.id} isOwner={room.role === "owner"} repair={doc.repair} skipped={doc.skipped} />
      <div className="flex min-h-0 flex-1 items-center justify-center [container-type:size]">
        {compared && compare?.kind === "versions" && compare.layout === "wipe" && compared.length === 2 ? (
          <WipeView earlier={{ label: compared[0]!.label, frame: comparedHeld[0] }} later={{ label: compared[1]!.label, frame: comparedHeld[1] }} />
        ) : compared ? (
          <CompareView frames={compared.map((c, i) => ({ label: c.label, frame: comparedHeld[i] }))} />
        ) : (
          <div className="relative h-[min(100cqw,100cqh)] w-[min(100cqw,100cqh)]">
            <FramePreview frame={shown} scratchSeed={scratch} rendering={!moving && waiting} buffering={buffering || (moving && waiting)} />
            <PresenceLayer onCursor={(cursor) => share({ cursor })} onSpot={review.composing ? (spot) => review.startNote(spot) : null} />
            <ReviewOverlays review={review} chain={chain} frame={frame} myColor={myUser.color} />
          </div>
        )}
      </div>
    </section>
  );
}
