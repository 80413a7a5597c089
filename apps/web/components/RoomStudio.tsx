"use client";

import Link from "next/link";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { frameRecipeAt, locateFrame, roomRecipeOverrides, undoGesture, type Chain } from "@umbra/doc";
import { MARROW_SHADOWS, frameKeyframeLatent, recipeHash, seedFrameRecipe, type LatentRef, type StyleMix } from "@umbra/latent";
import { can, type Me, type RealtimeToken, type Room } from "@umbra/protocol";
import { resolveCollabUrl, type PublicCollabAddress } from "@/lib/public-collab-url";
import { randomSeed } from "@/lib/random-seed";
import { usePlayhead } from "@/lib/use-playhead";
import { useRoomDoc } from "@/lib/use-room-doc";
import { distinctColours } from "@/lib/distinct-colours";
import { useLocalIdentity } from "@/lib/local-identity";
import { THUMBNAIL_SIZE, useRoomFrames, type ShownFrame } from "@/lib/use-room-frames";
import { useFramePrefetch } from "@/lib/use-frame-prefetch";
import { useHeldFrame, useHeldFrames } from "@/lib/use-held-frames";
import { comparedFrames, type CompareMode } from "@/lib/comparison";
import { useStudioKeys } from "@/lib/use-studio-keys";
import { useKeyframeSelection } from "@/lib/use-keyframe-selection";
import { actionTitle } from "@/lib/actions/studio-actions";
import { keyframeName } from "@/lib/keyframe-name";
import { importChainFile } from "@/lib/chain-exchange";
import { useExports } from "@/lib/use-exports";
import { useReview } from "@/lib/use-review";
import { FrameNumberingContext } from "@/lib/frame-numbering";
import { useLatentDirections } from "@/lib/use-latent-directions";
import type { PlacedNote } from "@/lib/placed-notes";
import { ChainActions } from "./ChainActions";
import { CompareControls, CompareView } from "./CompareView";
import { ChainList } from "./ChainList";
import { ChainExchange } from "./ChainExchange";
import { ConnectionBadge } from "./ConnectionBadge";
import { DocumentNotices } from "./DocumentNotices";
import { FollowBanner } from "./FollowBanner";
import { FrameDetails } from "./FrameDetails";
import { LocalIdentityEditor } from "./LocalIdentityEditor";
import { ExportPanel } from "./ExportPanel";
import { FramePreview } from "./FramePreview";
import { PeopleHere } from "./PeopleHere";
import { PreviewNotices, type ActionOutcome } from "./PreviewNotices";
import { PresenceLayer } from "./PresenceLayer";
import { SeedBrowser } from "./SeedBrowser";
import { SeedControls } from "./SeedControls";
import { SharePanel } from "./SharePanel";
import { ShortcutSheet } from "./ShortcutSheet";
import { NotesPanel } from "./NotesPanel";
import { ThreadView } from "./ThreadView";
import { ReviewOverlays } from "./ReviewOverlays";
import { RoomTitle } from "./RoomTitle";
import { SidePanel } from "./SidePanel";
import { StylePanel } from "./StylePanel";
import { RoomSettings } from "./RoomSettings";
import { TimelineDock } from "./TimelineDock";
import { Timeline } from "./Timeline";
import { TransportControls } from "./TransportControls";
import { ViewControls, viewOverrides, type ViewChoice } from "./ViewControls";

const DEFAULT_LATENT_SIZE = 512;

/** The index of the keyframe whose own frame is `frame`, or -1 between keyframes. */
function keyframeIndexAt(chain: Chain | null, frame: number): number {
  const at = chain ? locateFrame(chain, frame) : null;
  return at && at.local === 0 ? at.transition : -1;
}

/** A model not known yet has no snapshots: one empty list, so hooks that depend on it stay put. */
const NO_SNAPSHOTS: string[] = [];

/** A room: the shared preview with everyone's cursors, the chains and their timeline, presence and follow, and sharing for the owner. */
export function RoomStudio({ room: roomAsLoaded, me, collab, token }: { room: Room; me: Me; collab: PublicCollabAddress; token: RealtimeToken | null }) {
  // The browser's own location decides the default collab URL. Known from the first render in the
  // browser, so the sockets open in the first effects rather than after another render of the studio;
  // it is never shown, so the server's render (which connects nothing) matches.
  const [collabUrl] = useState(() => (typeof window === "undefined" ? null : resolveCollabUrl(collab, window.location)));
  const [accessLost, setAccessLost] = useState<string | null>(null);
  const [sharing, setSharing] = useState(false);
  const [browsingSeeds, setBrowsingSeeds] = useState(false);
  const [presenting, setPresenting] = useState(false);
  const [, setUndoTick] = useState(0);
  const [viewChoice, setViewChoice] = useState<ViewChoice>({ view: "color", shadows: MARROW_SHADOWS });
  const onAccessLost = useCallback((message: string) => setAccessLost(message), []);
  // In local mode everyone is the one local user: each browser shows a name and colour of its own.
  const [identity, setIdentity] = useLocalIdentity(me.open);
  const myUser = useMemo(() => (identity ? { ...me.user, displayName: identity.name, color: identity.color } : me.user), [me.user, identity]);
  // Frames and notes need no presence: their socket does not wait for this browser's local identity.
  const connected = accessLost === null ? collabUrl : null;
  const live = me.open && identity === null ? null : connected;
  const frames = useRoomFrames(connected, roomAsLoaded.id, onAccessLost, token);
  // Hooks below depend on the frames' commands, not on the object that changes as frames arrive.
  const { held: heldFrame, request: requestFrame, prefetch: prefetchFrames } = frames;
  // The owner may rename the room, or change your role, while you are in it: both show at once,
  // and a new role reconnects the document with a token that carries it.
  const room = useMemo(
    () => ({ ...roomAsLoaded, ...(frames.renamedTo ? { name: frames.renamedTo } : {}), ...(frames.roleChange ? { role: frames.roleChange.role } : {}) }),
    [roomAsLoaded, frames.renamedTo, frames.roleChange],
  );
  const doc = useRoomDoc(live, room.id, myUser, room.role, onAccessLost, token);
  // Your view (colour or Shadows) applies to what you see; the room's ψ applies to everyone's frames.
  const overrides = useMemo(
    () => ({ ...viewOverrides(viewChoice), ...roomRecipeOverrides(doc.roomTruncation) }),
    [viewChoice, doc.roomTruncation],
  );
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
      return recipe !== null && heldFrame(recipeHash(recipe)) !== undefined;
    },
    [heldFrame, room.model, overrides],
  );
  const playhead = usePlayhead(doc.chains, peers, isReady);
  const { chain, frame } = playhead;
  const canEdit = can(room.role, "edit") && doc.room !== null;
  const ready = frames.joined && frames.workers.length > 0;
  const roomModel = frames.workers.flatMap((w) => w.models).find((m) => m.id === room.model);
  const latentSize = roomModel?.latentSize ?? DEFAULT_LATENT_SIZE;
  const snapshots = roomModel?.snapshots ?? NO_SNAPSHOTS;
  // New chains start on the model's first snapshot: a user model has no "default".
  const newChainOptions = snapshots[0] ? { snapshot: snapshots[0] } : {};
  const loadingSnapshot = frames.workers.flatMap((w) => w.loading).find((l) => l.model === room.model) ?? null;

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

  // What you see is what you edit: the frame at your playhead, or at the playhead of
  // the person you follow. A seed rendered from the seed field is a scratch frame
  // shown instead, until the playhead moves.
  const [scratchSeed, setScratchSeed] = useState<number | null>(null);
  const position = `${chainId}:${frame}:${playhead.playing}`;
  const lastPosition = useRef(position);
  useEffect(() => {
    if (lastPosition.current === position) return;
    lastPosition.current = position;
    setScratchSeed(null);
  }, [position]);
  useEffect(() => share({ scratch: scratchSeed === null ? null : { seed: scratchSeed } }), [share, scratchSeed]);
  const following = playhead.following !== null;
  const seenScratch = following ? (playhead.followed?.state.scratch?.seed ?? null) : scratchSeed;
  const playheadRecipe = useMemo(() => (chain ? frameRecipeAt(chain, frame, room.model, overrides) : null), [chain, frame, room.model, overrides]);
  const shownRecipe = useMemo(
    () => (seenScratch !== null ? seedFrameRecipe(room.model, seenScratch, overrides) : playheadRecipe),
    [seenScratch, room.model, overrides, playheadRecipe],
  );
  const shownHash = useMemo(() => (shownRecipe ? recipeHash(shownRecipe) : null), [shownRecipe]);
  // Your own frame goes to the whole room, so whoever follows you holds it too; a
  // follower's frames come from the leader and from prefetch.
  const lastRequested = useRef<string | null>(null);
  useEffect(() => {
    // A reconnect empties this browser's frames: ask again for what is on screen.
    if (!ready) lastRequested.current = null;
    if (!ready || !shownRecipe || !shownHash || shownHash === lastRequested.current || heldFrame(shownHash)) return;
    if (following && seenScratch === null) return;
    lastRequested.current = shownHash;
    requestFrame(shownRecipe, following ? "me" : "room");
  }, [ready, shownRecipe, shownHash, following, seenScratch, heldFrame, requestFrame]);
  useFramePrefetch(prefetchFrames, ready, chain, frame, playhead.total, playhead.direction, room.model, overrides);

  // A frame that has not arrived yet leaves the last one on screen, marked as waiting.
  const atShown = useHeldFrame(frames.store, shownHash);
  const [lastShown, setLastShown] = useState<ShownFrame | null>(null);
  useEffect(() => {
    if (atShown) setLastShown(atShown);
  }, [atShown]);
  const shown = atShown ?? lastShown;
  const moving = playhead.playing || following;
  const waiting = shownHash !== null && !atShown;

  // The A/B view's two frames, fetched for this browser only.
  const [compare, setCompare] = useState<CompareMode | null>(null);
  const compared = useMemo(() => (compare ? comparedFrames(chain, frame, room.model, overrides, compare) : null), [chain, frame, room.model, overrides, compare]);
  const comparedHashes = useMemo(() => compared?.map((c) => recipeHash(c.recipe)) ?? [], [compared]);
  const comparedHeld = useHeldFrames(frames.store, comparedHashes);
  useEffect(() => {
    if (!ready || !compared) return;
    compared.forEach((c, i) => {
      if (!heldFrame(comparedHashes[i]!)) requestFrame(c.recipe, "me");
    });
  }, [ready, compared, comparedHashes, heldFrame, requestFrame]);
  const buffering = playhead.buffering || (moving && waiting);

  // Review: notes pinned to chain frames, drawn on, moved between with [ and ].
  const canComment = can(room.role, "comment");
  const [panelTab, setPanelTab] = useState("chains");
  const roomExports = useExports(frames.socket, identity ? { name: identity.name } : null);
  const presentNames = useMemo(() => peers.map((p) => p.state.user.name), [peers]);
  const review = useReview({
    roomId: room.id,
    socket: frames.socket,
    me: { id: me.user.id, name: myUser.displayName },
    signedAs: identity ? { name: identity.name, color: meShown.color } : null,
    presentNames,
    chains: doc.chains,
    roomTruncation: doc.roomTruncation,
    numbering: doc.numbering,
    chain,
    frame,
    chainRecipe: seenScratch === null ? playheadRecipe : null,
    shownUrl: atShown?.url ?? null,
    latentSize,
    goTo: playhead.goTo,
    addKeyframe: (chainId, latent, at, mix) => doc.room?.addKeyframe(chainId, latent, { at, mix }),
    compare: (pair) => setCompare({ kind: "frames", frames: pair }),
  });
  const { open: openThread, startNote, toggleDrawing, markIn, markOut, step: stepNote } = review;
  const openNote = useCallback(
    (note: PlacedNote) => {
      openThread(note);
      setPanelTab("notes");
    },
    [openThread],
  );

  // Thumbnails of the active chain's keyframes, each recipe built and hashed once.
  const requestedThumbnails = useRef(new Set<string>());
  const thumbnails = useMemo(
    () =>
      chain?.keyframes.map((k) => {
        const recipe = seedFrameRecipe(room.model, 0, { from: k.latent, to: k.latent, ...(k.mix ? { fromMix: k.mix } : {}), snapshot: chain.snapshot, width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE });
        return { recipe, hash: recipeHash(recipe) };
      }) ?? [],
    [chain, room.model],
  );
  const thumbnailHashes = useMemo(() => thumbnails.map((t) => t.hash), [thumbnails]);
  const thumbnailFrames = useHeldFrames(frames.store, thumbnailHashes);
  useEffect(() => {
    if (!ready) return;
    for (const { recipe, hash } of thumbnails) {
      if (heldFrame(hash) || requestedThumbnails.current.has(hash)) continue;
      requestedThumbnails.current.add(hash);
      requestFrame(recipe, "me");
    }
  }, [ready, thumbnails, heldFrame, requestFrame]);

  const undo = useCallback(() => doc.undo?.undo(), [doc.undo]);
  const redo = useCallback(() => doc.undo?.redo(), [doc.undo]);
  const toggleShadows = useCallback(() => setViewChoice((c) => ({ ...c, view: c.view === "color" ? "shadows" : "color" })), []);
  const [showingShortcuts, setShowingShortcuts] = useState(false);
  const toggleShortcuts = useCallback(() => setShowingShortcuts((shown) => !shown), []);
  const closeShortcuts = useCallback(() => setShowingShortcuts(false), []);
  // The selected keyframe: F2, Delete and ","/"." act on it.
  const selection = useKeyframeSelection(chain, canEdit ? doc.room : null);
  const { selectedId: selectedKeyframe, selectedIndex, commands: keyframeKeys } = selection;
  const { selectChain } = playhead;
  const reviewKeys = useMemo(
    () =>
      canComment
        ? {
            comment: () => {
              startNote();
              setPanelTab("notes");
            },
            draw: toggleDrawing,
            markIn,
            markOut,
            note: (direction: -1 | 1) => {
              stepNote(direction);
              setPanelTab("notes");
            },
          }
        : null,
    [canComment, startNote, toggleDrawing, markIn, markOut, stepNote],
  );
  const keys = useMemo(
    () => ({
      step: playhead.moveBy,
      goToEnd: playhead.goToEnd,
      togglePlay: playhead.togglePlay,
      play: playhead.play,
      pause: playhead.pause,
      undo,
      redo,
      toggleShadows,
      toggleShortcuts,
      keyframe: keyframeKeys,
      review: reviewKeys,
    }),
    [playhead.moveBy, playhead.goToEnd, playhead.togglePlay, playhead.play, playhead.pause, undo, redo, toggleShadows, toggleShortcuts, keyframeKeys, reviewKeys],
  );
  useStudioKeys(keys);

  /** The latent on screen as a keyframe holds it: a scratch frame's seed, a keyframe's own latent and mix, or the frame between; null where none holds it. */
  const shownLatent = (): { latent: LatentRef; mix?: StyleMix } | null => {
    if (seenScratch !== null) return { latent: { seed: seenScratch } };
    return playheadRecipe && frameKeyframeLatent(playheadRecipe, latentSize);
  };

  // The Style tab acts on the selected keyframe, else the one under the playhead.
  const styleIndex = selectedIndex >= 0 ? selectedIndex : keyframeIndexAt(chain, frame);
  const styleKeyframe = chain && styleIndex >= 0 ? chain.keyframes[styleIndex] : undefined;
  // Asked for only while the Style tab is open: a playhead passing keyframes asks for nothing.
  const directions = useLatentDirections(
    frames.socket,
    room.id,
    panelTab === "style" && canEdit && roomModel?.directions && chain && styleKeyframe ? { snapshot: chain.snapshot, keyframe: styleKeyframe } : null,
  );
  const gesture = useMemo(() => (doc.undo ? undoGesture(doc.undo) : null), [doc.undo]);

  // What the last import, export or keyframe capture came to, shown above the preview.
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  const setActionProblem = useCallback((text: string | null) => setOutcome(text === null ? null : { tone: "problem", text }), []);
  // Chains come in from files: chosen in the Chains tab, or dropped on the studio.
  const importFile = useCallback(
    async (file: File) => {
      const imported = await importChainFile(file, doc.room, { model: room.model, latentSize, snapshot: snapshots[0] ?? "default" });
      setOutcome(imported.ok ? { tone: "notice", text: imported.notice } : { tone: "problem", text: imported.message });
      if (imported.ok) selectChain(imported.chainId);
    },
    [room.model, latentSize, snapshots, doc.room, selectChain],
  );

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

  const names = chain?.keyframes.map((k, i) => keyframeName(k, thumbnails[i]!.hash.slice(0, 6))) ?? [];
  const seedsTab = (
    <>
      <SeedControls
        disabled={!ready}
        shownSeed={seenScratch}
        onSeed={(seed) => {
          playhead.follow(null);
          setScratchSeed(seed);
        }}
      />
      <button type="button" aria-expanded={browsingSeeds} onClick={() => setBrowsingSeeds((b) => !b)} className="self-start text-xs font-medium text-accent-300 hover:text-accent-200">
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
          store={frames.store}
          request={requestFrame}
          onAddKeyframe={(latent) => withChain((id) => doc.room?.addKeyframe(id, latent))}
          onReplace={(end, latent) => {
            const keyframe = chain && transitionIndex !== null ? chain.keyframes[transitionIndex + (end === "destination" ? 1 : 0)] : undefined;
            if (chain && keyframe) doc.room?.setKeyframeLatent(chain.id, keyframe.id, latent);
          }}
        />
      )}
    </>
  );
  const chainsTab = (
    <>
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
    <ChainExchange
      chain={chain}
      model={room.model}
      latentSize={latentSize}
      overrides={overrides}
      canEdit={canEdit}
      onImportFile={importFile}
      onProblem={setActionProblem}
    />
    </>
  );

  const frameTab = (
    <>
      <ViewControls choice={viewChoice} onChange={setViewChoice} />
      {chain && <CompareControls mode={compare} snapshots={snapshots} current={chain.snapshot} onChange={setCompare} />}
      <FrameDetails frame={shown} />
    </>
  );

  const notesTab = (
    <NotesPanel
      roomId={room.id}
      notes={review.notes}
      reader={review.reader}
      selectedId={review.selected?.thread.id ?? null}
      whereOf={review.where}
      canComment={canComment}
      onOpen={openNote}
      detail={
        review.selected && (
          <ThreadView
            note={review.selected}
            where={`${doc.chains.find((c) => c.id === review.selected!.thread.anchor.chainId)?.name ?? "(deleted chain)"} · ${review.where(review.selected)}`}
            me={{ id: me.user.id, name: myUser.displayName }}
            reader={review.reader}
            members={review.members}
            canComment={canComment}
            isOwner={room.role === "owner"}
            notes={review.threads}
            onPromote={canEdit ? review.promote(review.selected) : null}
            onCompare={() => review.compareThenNow(review.selected!)}
            onRerender={() => review.rerender(review.selected!)}
            onClose={() => {
              share({ typing: null });
              review.close();
            }}
            typingNames={peers.filter((p) => p.state.typing?.threadId === review.selected!.thread.id).map((p) => p.state.user.name)}
            onTyping={(typing) => share({ typing: typing ? { threadId: review.selected!.thread.id } : null })}
          />
        )
      }
    />
  );

  return (
    <FrameNumberingContext.Provider value={doc.numbering}>
    <div
      data-studio
      className="flex h-[calc(100dvh-3.5rem)] min-h-0 flex-col overflow-hidden"
      // A file dropped anywhere on the studio is imported as a chain (editors); keyframe drags carry no files.
      onDragOver={(event) => canEdit && event.dataTransfer.types.includes("Files") && event.preventDefault()}
      onDrop={(event) => {
        const file = event.dataTransfer.files[0];
        if (!canEdit || !file) return;
        event.preventDefault();
        void importFile(file);
      }}
    >
      <header className="flex shrink-0 flex-wrap items-center gap-x-4 gap-y-2 border-b border-ink-800 px-4 py-2">
        <RoomTitle room={room} loadingSnapshot={loadingSnapshot} />
        <div className="flex flex-wrap items-center gap-3">
          {identity && <LocalIdentityEditor identity={identity} shownColor={meShown.color} onChange={setIdentity} />}
          <PeopleHere me={meShown} peers={peers} following={playhead.following} presenting={presenting} onFollow={playhead.follow} onPresent={setPresenting} />
          <ConnectionBadge connection={frames.connection} workers={frames.workers} document={doc.status} waiting={doc.waiting} />
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
          {can(room.role, "manage") && !me.open && (
            <button type="button" onClick={() => setSharing((s) => !s)} aria-expanded={sharing} className="rounded-lg bg-accent-500 px-3 py-1.5 text-sm font-medium text-white hover:bg-accent-400">
              Share
            </button>
          )}
        </div>
      </header>
      <div className="relative flex min-h-0 flex-1">
        <section className="relative flex min-w-0 flex-1 flex-col gap-2 p-3" aria-label="Preview">
          <FollowBanner followed={playhead.followed} presenter={presenter} onFollow={playhead.follow} />
          <PreviewNotices problems={[frames.error, doc.error, review.problem]} outcome={outcome} onDismissOutcome={() => setOutcome(null)} roleChange={frames.roleChange} />
          <DocumentNotices roomId={room.id} isOwner={room.role === "owner"} repair={doc.repair} skipped={doc.skipped} />
          <div className="flex min-h-0 flex-1 items-center justify-center [container-type:size]">
            {compared ? (
              <CompareView frames={compared.map((c, i) => ({ label: c.label, frame: comparedHeld[i] }))} />
            ) : (
              <div className="relative h-[min(100cqw,100cqh)] w-[min(100cqw,100cqh)]">
                <FramePreview frame={shown} scratchSeed={seenScratch} rendering={!moving && waiting} buffering={buffering} />
                <PresenceLayer peers={peers} onCursor={(cursor) => share({ cursor })} onSpot={review.composing ? (spot) => review.startNote(spot) : null} />
                <ReviewOverlays review={review} chain={chain} frame={frame} myColor={meShown.color} />
              </div>
            )}
          </div>
        </section>
        <SidePanel
          tab={panelTab}
          onTab={setPanelTab}
          tabs={[
            { id: "chains", label: "Chains", content: chainsTab },
            { id: "seeds", label: "Seeds", content: seedsTab },
            { id: "frame", label: "Frame", content: frameTab },
            {
              id: "style",
              label: "Style",
              content: (
                <StylePanel
                  model={roomModel}
                  target={styleKeyframe ? { keyframe: styleKeyframe, name: names[styleIndex]!, index: styleIndex } : null}
                  others={chain && styleKeyframe ? chain.keyframes.flatMap((k, i) => (k.id === styleKeyframe.id ? [] : [{ id: k.id, name: names[i]!, latent: k.latent }])) : []}
                  canEdit={canEdit}
                  directions={directions}
                  onMix={(mix) => chain && styleKeyframe && doc.room?.setKeyframeMix(chain.id, styleKeyframe.id, mix)}
                  onNudge={(latent) => {
                    if (!chain || !styleKeyframe) return;
                    directions.ownWrite(latent);
                    doc.room?.setKeyframeLatent(chain.id, styleKeyframe.id, latent);
                  }}
                  onGesture={(phase) => gesture?.[phase]()}
                />
              ),
            },
            { id: "notes", label: review.notes.some((n) => n.unread) ? "Notes •" : "Notes", content: notesTab },
            {
              id: "export",
              label: roomExports.exports.some((j) => j.status === "running") ? "Export •" : "Export",
              content: (
                <ExportPanel
                  roomId={room.id}
                  chain={chain}
                  view={viewChoice}
                  marked={review.marked}
                  canEdit={can(room.role, "export")}
                  exports={roomExports}
                  modelHasW={roomModel?.wSize !== undefined}
                />
              ),
            },
          ]}
        />
        {sharing && (
          <div className="absolute right-3 top-3 z-20 max-h-[calc(100%-1.5rem)] w-[28rem] max-w-[calc(100%-1.5rem)] overflow-y-auto rounded-2xl shadow-2xl shadow-black/60">
            <SharePanel roomId={room.id} />
          </div>
        )}
      </div>
      <TimelineDock>
        <div className="flex shrink-0 flex-wrap items-center justify-between gap-2 border-b border-ink-800 px-3 py-1.5">
          <div className="flex items-center gap-2">
            <TransportControls frame={frame} total={playhead.total} playing={playhead.playing} onStep={playhead.moveBy} onTogglePlay={playhead.togglePlay} />
            <button
              type="button"
              onClick={toggleShortcuts}
              aria-label="Keyboard shortcuts"
              title={actionTitle("shortcuts")}
              className="rounded-md border border-ink-600 px-2 py-1 font-mono text-xs text-ink-300 hover:border-accent-500 hover:text-white"
            >
              ?
            </button>
          </div>
          <ChainActions
            canEdit={canEdit}
            hasFrame={shownRecipe !== null}
            hasTransition={transitionIndex !== null}
            hasDestination={(chain?.keyframes.length ?? 0) > 0}
            canUndo={(doc.undo?.undoStack.length ?? 0) > 0}
            canRedo={(doc.undo?.redoStack.length ?? 0) > 0}
            onAddRandom={() => withChain((id) => doc.room?.addKeyframe(id, { seed: randomSeed() }))}
            onAddFromPlayhead={() => {
              const shownAt = shownLatent();
              if (!shownAt) return setActionProblem("This frame mixes styles, or joins a seed to a nudged keyframe: no single keyframe holds it. Put the playhead on a keyframe, or clear the mix.");
              setActionProblem(null);
              withChain((id) => doc.room?.addKeyframe(id, shownAt.latent, { mix: shownAt.mix }));
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
            names={names}
            thumbnailOf={(i) => thumbnailFrames[i]?.url}
            selectedId={selectedKeyframe}
            renaming={selection.renaming}
            roomTruncation={doc.roomTruncation}
            notes={review.notes.filter((n) => n.thread.anchor.chainId === chain.id)}
            selectedNoteId={review.selected?.thread.id ?? null}
            onOpenNote={openNote}
            marked={review.marked}
            onMarkRange={review.markRange}
            onSelect={selection.select}
            onRenaming={selection.setRenaming}
            onScrub={playhead.moveTo}
            onMoveKeyframe={(id, to) => doc.room?.moveKeyframe(chain.id, id, to)}
            onRemoveKeyframe={(id) => keyframeKeys && id === selectedKeyframe ? keyframeKeys.remove() : doc.room?.removeKeyframe(chain.id, id)}
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
          <p className="m-3 rounded-xl border border-dashed border-ink-700 p-6 text-center text-sm text-ink-400">
            {canEdit ? "No chain yet. Add a keyframe and a chain is made for it." : "No chain yet: editors build them here."}
          </p>
        )}
      </TimelineDock>
      {showingShortcuts && <ShortcutSheet onClose={closeShortcuts} />}
    </div>
    </FrameNumberingContext.Provider>
  );
}
