"use client";

import Link from "next/link";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { frameRecipeAt, locateFrame, type Chain } from "@umbra/doc";
import { MARROW_SHADOWS, encodeLatentBase64, recipeHash, recipeLatent, seedFrameRecipe, type LatentRef } from "@umbra/latent";
import { can, type Me, type Room } from "@umbra/protocol";
import { resolveCollabUrl, type PublicCollabAddress } from "@/lib/public-collab-url";
import { randomSeed } from "@/lib/random-seed";
import { usePlayhead } from "@/lib/use-playhead";
import { useRoomDoc } from "@/lib/use-room-doc";
import { distinctColours } from "@/lib/distinct-colours";
import { useLocalIdentity } from "@/lib/local-identity";
import { THUMBNAIL_SIZE, useRoomFrames, type ShownFrame } from "@/lib/use-room-frames";
import { useFramePrefetch } from "@/lib/use-frame-prefetch";
import { comparedFrames, type CompareMode } from "@/lib/comparison";
import { useStudioKeys } from "@/lib/use-studio-keys";
import { ChainActions } from "./ChainActions";
import { CompareControls, CompareView } from "./CompareView";
import { ChainList } from "./ChainList";
import { ConnectionBadge } from "./ConnectionBadge";
import { DocumentNotices } from "./DocumentNotices";
import { FollowBanner } from "./FollowBanner";
import { FrameDetails } from "./FrameDetails";
import { LocalIdentityEditor } from "./LocalIdentityEditor";
import { FramePreview } from "./FramePreview";
import { PeopleHere } from "./PeopleHere";
import { PresenceLayer } from "./PresenceLayer";
import { RoleBadge } from "./RoleBadge";
import { SeedBrowser } from "./SeedBrowser";
import { SeedControls } from "./SeedControls";
import { SharePanel } from "./SharePanel";
import { ShortcutSheet } from "./ShortcutSheet";
import { Timeline } from "./Timeline";
import { TransportControls } from "./TransportControls";
import { ViewControls, viewOverrides, type ViewChoice } from "./ViewControls";

const DEFAULT_LATENT_SIZE = 512;

/** A room: the shared preview with everyone's cursors, the chains and their timeline, presence and follow, and sharing for the owner. */
export function RoomStudio({ room, me, collab }: { room: Room; me: Me; collab: PublicCollabAddress }) {
  // The browser's own location decides the default collab URL, so resolve after mount.
  const [collabUrl, setCollabUrl] = useState<string | null>(null);
  useEffect(() => setCollabUrl(resolveCollabUrl(collab, window.location)), [collab]);
  const [accessLost, setAccessLost] = useState<string | null>(null);
  const [sharing, setSharing] = useState(false);
  const [browsingSeeds, setBrowsingSeeds] = useState(false);
  const [presenting, setPresenting] = useState(false);
  const [, setUndoTick] = useState(0);
  const [viewChoice, setViewChoice] = useState<ViewChoice>({ view: "color", shadows: MARROW_SHADOWS });
  const overrides = useMemo(() => viewOverrides(viewChoice), [viewChoice]);
  const onAccessLost = useCallback((message: string) => setAccessLost(message), []);
  // In local mode everyone is the one local user: each browser shows a name and colour of its own.
  const [identity, setIdentity] = useLocalIdentity(me.open);
  const myUser = useMemo(() => (identity ? { ...me.user, displayName: identity.name, color: identity.color } : me.user), [me.user, identity]);
  const live = accessLost === null && (!me.open || identity !== null) ? collabUrl : null;
  const frames = useRoomFrames(live, room.id, onAccessLost);
  const doc = useRoomDoc(live, room.id, myUser, room.role, onAccessLost);
  const myClientId = doc.room?.doc.clientID ?? null;
  const colours = useMemo(
    () =>
      distinctColours([
        ...(myClientId === null ? [] : [{ clientId: myClientId, color: myUser.color }]),
        ...doc.peers.map((p) => ({ clientId: p.clientId, color: p.state.user.color })),
      ]),
    [myClientId, myUser.color, doc.peers],
  );
  // Everyone as shown here: nobody shares a colour with anyone else.
  const peers = useMemo(
    () => doc.peers.map((p) => ({ ...p, state: { ...p.state, user: { ...p.state.user, color: colours.get(p.clientId) ?? p.state.user.color } } })),
    [doc.peers, colours],
  );
  const meShown = useMemo(() => ({ ...myUser, color: (myClientId !== null && colours.get(myClientId)) || myUser.color }), [myUser, myClientId, colours]);
  const isReady = useCallback(
    (c: Chain, n: number) => {
      const recipe = frameRecipeAt(c, n, room.model, overrides);
      return recipe !== null && frames.held(recipeHash(recipe)) !== undefined;
    },
    [frames.held, room.model, overrides],
  );
  const playhead = usePlayhead(doc.chains, peers, isReady);
  const { chain, frame } = playhead;
  const canEdit = can(room.role, "edit") && doc.room !== null;
  const ready = frames.joined && frames.workers.length > 0;
  const roomModel = frames.workers.flatMap((w) => w.models).find((m) => m.id === room.model);
  const latentSize = roomModel?.latentSize ?? DEFAULT_LATENT_SIZE;
  const snapshots = roomModel?.snapshots ?? [];
  // New chains start on the model's first snapshot: a user model has no "default".
  const newChainOptions = snapshots[0] ? { snapshot: snapshots[0] } : {};
  const loadingSnapshot = frames.workers.flatMap((w) => w.loading).find((l) => l.model === room.model) ?? null;
  const from = frames.preview?.recipe.from;
  const shownSeed = from && "seed" in from ? from.seed : null;

  // Undo/redo availability changes with the stacks; re-render when they do.
  useEffect(() => {
    const undo = doc.undo;
    if (!undo) return;
    const tick = () => setUndoTick((n) => n + 1);
    undo.on("stack-item-added", tick);
    undo.on("stack-item-popped", tick);
    return () => {
      undo.off("stack-item-added", tick);
      undo.off("stack-item-popped", tick);
    };
  }, [doc.undo]);

  // Share where this person's playhead is, and whether they present.
  const { share } = doc;
  const chainId = chain?.id ?? null;
  // While playing, every frame goes out at once, before this browser paints it, so
  // followers show the same frame at the same moment.
  useLayoutEffect(() => share({ playhead: chainId ? { chainId, frame } : null }, { now: playhead.playing }), [share, chainId, frame, playhead.playing]);
  useEffect(() => share({ presenting }), [share, presenting]);

  // The frame under this person's own playhead is the room's preview; a follower shows the leader's.
  const lastPreview = useRef<string | null>(null);
  const playheadRecipe = useMemo(() => (chain ? frameRecipeAt(chain, frame, room.model, overrides) : null), [chain, frame, room.model, overrides]);
  const playheadHash = useMemo(() => (playheadRecipe ? recipeHash(playheadRecipe) : null), [playheadRecipe]);
  const following = playhead.following !== null;
  useEffect(() => {
    if (!ready || !playheadRecipe || following || playheadHash === lastPreview.current) return;
    lastPreview.current = playheadHash;
    frames.request(playheadRecipe);
    // frames.request is stable for the room; the recipe alone decides.
  }, [ready, playheadRecipe, playheadHash, following]);
  useFramePrefetch(frames.prefetch, ready, chain, frame, playhead.total, playhead.direction, room.model, overrides);

  // Playing or following shows the frame at the playhead, from this browser's frames;
  // otherwise the room's shared preview. A missing frame shows the last one, marked as waiting.
  const atPlayhead = playheadHash ? frames.held(playheadHash) : undefined;
  const playheadView = playhead.playing || following;
  const [lastAtPlayhead, setLastAtPlayhead] = useState<ShownFrame | null>(null);
  useEffect(() => {
    if (atPlayhead) setLastAtPlayhead(atPlayhead);
  }, [atPlayhead]);
  const shown = playheadView ? (atPlayhead ?? lastAtPlayhead) : frames.preview;

  // The A/B view's two frames, fetched for this browser only.
  const [compare, setCompare] = useState<CompareMode | null>(null);
  const compared = useMemo(() => (chain && compare ? comparedFrames(chain, frame, room.model, overrides, compare) : null), [chain, frame, room.model, overrides, compare]);
  const comparedHashes = useMemo(() => compared?.map((c) => recipeHash(c.recipe)) ?? [], [compared]);
  useEffect(() => {
    if (!ready || !compared) return;
    compared.forEach((c, i) => {
      if (!frames.held(comparedHashes[i]!)) frames.request(c.recipe, "me");
    });
  }, [ready, compared, comparedHashes, frames.held]);
  const buffering = playhead.buffering || (playheadView && !atPlayhead);

  // Thumbnails of the active chain's keyframes, each recipe built and hashed once.
  const requestedThumbnails = useRef(new Set<string>());
  const thumbnails = useMemo(
    () =>
      chain?.keyframes.map((k) => {
        const recipe = seedFrameRecipe(room.model, 0, { from: k.latent, to: k.latent, snapshot: chain.snapshot, width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE });
        return { recipe, hash: recipeHash(recipe) };
      }) ?? [],
    [chain, room.model],
  );
  useEffect(() => {
    if (!ready) return;
    for (const { recipe, hash } of thumbnails) {
      if (frames.held(hash) || requestedThumbnails.current.has(hash)) continue;
      requestedThumbnails.current.add(hash);
      frames.request(recipe, "me");
    }
  }, [ready, thumbnails, frames.held]);

  const undo = useCallback(() => doc.undo?.undo(), [doc.undo]);
  const redo = useCallback(() => doc.undo?.redo(), [doc.undo]);
  const toggleShadows = useCallback(() => setViewChoice((c) => ({ ...c, view: c.view === "color" ? "shadows" : "color" })), []);
  const [showingShortcuts, setShowingShortcuts] = useState(false);
  const toggleShortcuts = useCallback(() => setShowingShortcuts((shown) => !shown), []);
  const closeShortcuts = useCallback(() => setShowingShortcuts(false), []);
  const keys = useMemo(
    () => ({ step: playhead.moveBy, togglePlay: playhead.togglePlay, undo, redo, toggleShadows, toggleShortcuts }),
    [playhead.moveBy, playhead.togglePlay, undo, redo, toggleShadows, toggleShortcuts],
  );
  useStudioKeys(keys);

  /** The latent under the playhead: the keyframe's own on a keyframe, else the interpolated vector. */
  const playheadLatent = (): LatentRef | null => {
    if (!chain || !playheadRecipe) return null;
    const at = locateFrame(chain, frame);
    if (at && at.local === 0) return chain.keyframes[at.transition]!.latent;
    return { vector: encodeLatentBase64(recipeLatent(playheadRecipe, latentSize)) };
  };

  /** Runs an edit on the active chain, making a chain first (in the same undo step) when there is none. */
  const withChain = (edit: (chainId: string) => void) => {
    const room = doc.room;
    room?.batch(() => edit(chain?.id ?? room.addChain(newChainOptions)));
  };

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

  const presenter = peers.find((p) => p.state.presenting && p.clientId !== playhead.following) ?? null;
  const at = chain ? locateFrame(chain, frame) : null;
  const transitionIndex = at && chain && at.transition < chain.keyframes.length - 1 ? at.transition : chain && chain.keyframes.length > 1 ? chain.keyframes.length - 2 : null;

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <div className="flex items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight text-white">{room.name}</h1>
            <RoleBadge role={room.role} />
          </div>
          <p className="mt-1 text-sm text-ink-400">
            Model {room.model}
            {loadingSnapshot && (
              <span role="status" data-testid="snapshot-loading" className="ml-2 text-accent-300">
                · loading snapshot {loadingSnapshot.snapshot}… {Math.round(loadingSnapshot.progress * 100)} %
              </span>
            )}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          {identity && <LocalIdentityEditor identity={identity} shownColor={meShown.color} onChange={setIdentity} />}
          <PeopleHere me={meShown} peers={peers} following={playhead.following} presenting={presenting} onFollow={playhead.follow} onPresent={setPresenting} />
          <ConnectionBadge connection={frames.connection} workers={frames.workers} document={doc.status} waiting={doc.waiting} />
          {can(room.role, "manage") && !me.open && (
            <button type="button" onClick={() => setSharing((s) => !s)} aria-expanded={sharing} className="rounded-lg bg-accent-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-400">
              Share
            </button>
          )}
        </div>
      </div>
      {sharing && <SharePanel roomId={room.id} />}
      <FollowBanner followed={playhead.followed} presenter={presenter} onFollow={playhead.follow} />
      <div className="grid gap-5 lg:grid-cols-[minmax(0,480px)_minmax(280px,1fr)]">
        <div className="flex flex-col gap-3">
          {compared ? (
            <CompareView frames={compared.map((c, i) => ({ label: c.label, frame: frames.held(comparedHashes[i]!) }))} />
          ) : (
            <div className="relative">
              <FramePreview frame={shown} rendering={!playheadView && frames.pendingHash !== null} buffering={buffering} />
              <PresenceLayer peers={peers} onCursor={(cursor) => share({ cursor })} />
            </div>
          )}
          {chain && <CompareControls mode={compare} snapshots={snapshots} current={chain.snapshot} onChange={setCompare} />}
        </div>
        <aside className="flex flex-col gap-4">
          <ChainList
            chains={doc.chains}
            activeId={chain?.id ?? null}
            canEdit={canEdit}
            onSelect={playhead.selectChain}
            onCreate={() => {
              const id = doc.room?.addChain(newChainOptions);
              if (id) playhead.selectChain(id);
            }}
            onRename={(id, name) => doc.room?.renameChain(id, name)}
            onDuplicate={(id) => doc.room?.duplicateChain(id)}
            onDelete={(id) => doc.room?.deleteChain(id)}
          />
          <div className="flex flex-col gap-4 rounded-2xl border border-ink-700 bg-ink-900/60 p-4">
            <SeedControls disabled={!ready} shownSeed={shownSeed} onSeed={(seed) => frames.request(seedFrameRecipe(room.model, seed, overrides))} />
            <button
              type="button"
              aria-expanded={browsingSeeds}
              onClick={() => setBrowsingSeeds((b) => !b)}
              className="self-start text-xs font-medium text-accent-300 hover:text-accent-200"
            >
              {browsingSeeds ? "Hide the seed browser" : "Browse seeds…"}
            </button>
            {browsingSeeds && (
              <SeedBrowser
                model={room.model}
                snapshot={chain?.snapshot ?? snapshots[0] ?? "default"}
                latentSize={latentSize}
                ready={ready}
                canEdit={canEdit}
                canReplace={canEdit && transitionIndex !== null}
                held={frames.held}
                request={frames.request}
                onAddKeyframe={(latent) => withChain((id) => doc.room?.addKeyframe(id, latent))}
                onReplace={(end, latent) => {
                  const keyframe = chain && transitionIndex !== null ? chain.keyframes[transitionIndex + (end === "destination" ? 1 : 0)] : undefined;
                  if (chain && keyframe) doc.room?.setKeyframeLatent(chain.id, keyframe.id, latent);
                }}
              />
            )}
            <DocumentNotices roomId={room.id} isOwner={room.role === "owner"} repair={doc.repair} skipped={doc.skipped} />
            {[frames.error, doc.error].filter(Boolean).map((message) => (
              <p key={message} role="alert" className="rounded-lg border border-rose-900 bg-rose-950/40 p-3 text-sm text-rose-300">
                {message}
              </p>
            ))}
            <ViewControls choice={viewChoice} onChange={setViewChoice} />
            <FrameDetails frame={shown} />
          </div>
        </aside>
      </div>
      <div className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="flex items-center gap-2">
            <TransportControls frame={frame} total={playhead.total} playing={playhead.playing} onStep={playhead.moveBy} onTogglePlay={playhead.togglePlay} />
            <button
              type="button"
              onClick={toggleShortcuts}
              aria-label="Keyboard shortcuts"
              title="Keyboard shortcuts (?)"
              className="rounded-md border border-ink-600 px-2 py-1 font-mono text-xs text-ink-300 hover:border-accent-500 hover:text-white"
            >
              ?
            </button>
          </div>
          <ChainActions
            canEdit={canEdit}
            hasTransition={transitionIndex !== null}
            canUndo={(doc.undo?.undoStack.length ?? 0) > 0}
            canRedo={(doc.undo?.redoStack.length ?? 0) > 0}
            onAddRandom={() => withChain((id) => doc.room?.addKeyframe(id, { seed: randomSeed() }))}
            onAddFromPlayhead={() => {
              const latent = playheadLatent() ?? (shownSeed !== null ? { seed: shownSeed } : null);
              if (latent) withChain((id) => doc.room?.addKeyframe(id, latent));
            }}
            onChainOn={() => withChain((id) => doc.room?.useDestinationAsNextSource(id, randomSeed()))}
            onShuffle={(ends) => chain && transitionIndex !== null && doc.room?.shuffle(chain.id, transitionIndex, ends, randomSeed)}
            onUndo={undo}
            onRedo={redo}
          />
        </div>
        {chain ? (
          <Timeline
            chain={chain}
            frame={frame}
            canEdit={canEdit}
            peers={peers}
            thumbnailOf={(i) => frames.held(thumbnails[i]!.hash)?.url}
            onScrub={playhead.moveTo}
            onMoveKeyframe={(id, to) => doc.room?.moveKeyframe(chain.id, id, to)}
            onRemoveKeyframe={(id) => doc.room?.removeKeyframe(chain.id, id)}
            onRelabelKeyframe={(id, label) => doc.room?.relabelKeyframe(chain.id, id, label)}
            snapshots={snapshots}
            onChainSettings={({ fps, snapshot }) =>
              doc.room?.batch(() => {
                if (fps !== undefined) doc.room?.setChainFps(chain.id, fps);
                if (snapshot !== undefined) doc.room?.setChainSnapshot(chain.id, snapshot);
              })
            }
            onTransition={(id, patch) => doc.room?.setTransition(chain.id, id, patch)}
            onCursor={(cursor) => share({ cursor })}
          />
        ) : (
          <p className="rounded-2xl border border-dashed border-ink-700 p-6 text-center text-sm text-ink-400">
            {canEdit ? "No chain yet. Add a keyframe and a chain is made for it." : "No chain yet: editors build them here."}
          </p>
        )}
      </div>
      {showingShortcuts && <ShortcutSheet onClose={closeShortcuts} />}
    </div>
  );
}
