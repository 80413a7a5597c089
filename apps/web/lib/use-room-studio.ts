"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { roomRecipeOverrides } from "@umbra/doc";
import { MARROW_SHADOWS, recipeHash, seedFrameRecipe } from "@umbra/latent";
import { can, type Me, type RealtimeToken, type Room, type ThreadSummaryPack } from "@umbra/protocol";
import type { ActionOutcome } from "@/components/PreviewNotices";
import { viewOverrides, type ViewChoice } from "@/components/ViewControls";
import { importChainFile } from "./chain-exchange";
import type { CompareMode } from "./comparison";
import { distinctColours } from "./distinct-colours";
import { keyframeName } from "./keyframe-name";
import type { PlacedNote } from "./placed-notes";
import { useLocalIdentity } from "./local-identity";
import { PlayheadStore } from "./room-client/playhead-store";
import { documentBytes } from "./room-client/room-boot";
import { NO_ROOM_DOC, bootDocState, type Peer, type RoomDocState } from "./room-client/room-doc-connection";
import { inShownColours, type DocView, type Studio } from "./studio-context";
import { useExports } from "./use-exports";
import { useHistory } from "./use-history";
import { versionPresenceLabel } from "./version-label";
import { useKeyframeSelection } from "./use-keyframe-selection";
import type { Look } from "./room-client/room-client";
import { useReview } from "./use-review";
import { useRoomClient } from "./use-room-client";
import { useStudioKeys } from "./use-studio-keys";
import type { StudioCommands } from "./actions/studio-actions";
import { THUMBNAIL_SIZE, useRoomFrames } from "./use-room-frames";
import { shallowEqual, useStore } from "./use-store";

const DEFAULT_LATENT_SIZE = 512;
/** A model not known yet has no snapshots: one empty list, so hooks that depend on it stay put. */
const NO_SNAPSHOTS: string[] = [];

/** The document without the people here: panels re-render on edits, not on cursor moves. */
const docView = ({ peers: _peers, ...view }: RoomDocState): DocView => view;
const NO_DOC_VIEW = docView(NO_ROOM_DOC);

/** Who is here, as lists of people show them: a new list only when someone comes, goes, or changes name, colour, presenting or the version they look at. */
const peopleKey = (peers: Peer[]) => peers.map((p) => `${p.clientId}\u0000${p.state.user.name}\u0000${p.state.user.color}\u0000${p.state.presenting ? 1 : 0}\u0000${p.state.history?.version ?? ""}`).join("\n");
const samePeople = (a: Peer[], b: Peer[]) => peopleKey(a) === peopleKey(b);

/**
 * Opens a room for the studio: its frames and document connections, the playhead,
 * review, exports and the studio's own view state, as one Studio for the panels.
 * `collabUrl` is null on the server's render, which connects nothing.
 */
export function useRoomStudio({
  room: roomAsLoaded,
  me,
  collabUrl,
  token,
  document,
  notes,
}: {
  room: Room;
  me: Me;
  collabUrl: string | null;
  token: RealtimeToken | null;
  /** The room's document as the page came with it (base64), or null. */
  document: string | null;
  /** The room's notes as the page came with them (a small room's), or null. */
  notes: ThreadSummaryPack | null;
}): { studio: Studio; accessLost: string | null } {
  // Until the document connection opens (and on the server), the studio shows the document the page came with:
  // the chain is in the page itself. Read-only: edits wait for the connection.
  const [boot] = useState(() => {
    const state = document === null ? null : documentBytes(document);
    const view = state ? docView(bootDocState(state)) : NO_DOC_VIEW;
    const playhead = new PlayheadStore();
    playhead.setSources(view.chains, []);
    return { state, view, playhead };
  });
  const [accessLost, setAccessLost] = useState<string | null>(null);
  const onAccessLost = useCallback((message: string) => setAccessLost(message), []);
  // In local mode everyone is the one local user: each browser shows a name and colour of its own.
  const [identity, setIdentity] = useLocalIdentity(me.open);
  const signedUser = useMemo(() => (identity ? { ...me.user, displayName: identity.name, color: identity.color } : me.user), [me.user, identity]);
  // Frames and notes need no presence: their socket does not wait for this browser's local identity.
  const connected = accessLost === null ? collabUrl : null;
  const client = useRoomClient(connected, roomAsLoaded.id, onAccessLost, token, boot.state);
  const frames = useRoomFrames(client?.frames ?? null);
  // The owner may rename the room, or change your role, while you are in it: both show at once,
  // and a new role reconnects the document with a token that carries it.
  const room = useMemo(
    () => ({ ...roomAsLoaded, ...(frames.renamedTo ? { name: frames.renamedTo } : {}), ...(frames.roleChange ? { role: frames.roleChange.role } : {}) }),
    [roomAsLoaded, frames.renamedTo, frames.roleChange],
  );
  // Who you are in presence: the document opens once that is known (in local mode, after this browser's identity is read).
  const presenceUser = useMemo(() => ({ id: me.user.id, name: signedUser.displayName, color: signedUser.color, role: room.role }), [me.user.id, signedUser, room.role]);
  const waitingForIdentity = me.open && identity === null;
  useEffect(() => {
    if (!waitingForIdentity) client?.setPresence(presenceUser);
  }, [client, presenceUser, waitingForIdentity]);
  const docConnection = useStore(client, (s) => s.doc, null);
  const liveDoc = useStore(docConnection, docView, boot.view, shallowEqual);
  // History: a version previewed is what the studio shows, read-only, until you come back to now.
  const history = useHistory({ versions: frames.versions, client, room: can(room.role, "edit") ? liveDoc.room : null });
  const previewed = history.previewing?.content ?? null;
  const doc = useMemo(
    () => (previewed ? { ...liveDoc, room: null, undo: null, chains: previewed.chains, roomTruncation: previewed.truncation, numbering: previewed.numbering, skipped: [] } : liveDoc),
    [liveDoc, previewed],
  );
  const share = docConnection?.share ?? shareNothing;

  // Nobody shares a colour with anyone else here.
  const people = useStore(docConnection, (s) => s.peers, NO_PEERS, samePeople);
  const myClientId = docConnection?.doc.clientID ?? null;
  const colours = useMemo(
    () => distinctColours([...(myClientId === null ? [] : [{ clientId: myClientId, color: signedUser.color }]), ...people.map((p) => ({ clientId: p.clientId, color: p.state.user.color }))]),
    [myClientId, signedUser.color, people],
  );
  const colourOf = useCallback((clientId: number, fallback: string) => colours.get(clientId) ?? fallback, [colours]);
  const myUser = useMemo(() => ({ ...signedUser, color: (myClientId !== null && colours.get(myClientId)) || signedUser.color }), [signedUser, myClientId, colours]);
  const shownPeople = useMemo(() => inShownColours(people, colourOf), [people, colourOf]);

  const roomModel = frames.workers.flatMap((w) => w.models).find((m) => m.id === room.model);
  const latentSize = roomModel?.latentSize ?? DEFAULT_LATENT_SIZE;
  const snapshots = roomModel?.snapshots ?? NO_SNAPSHOTS;
  const [view, setView] = useState<ViewChoice>({ view: "color", shadows: MARROW_SHADOWS });
  const overrides = useMemo(() => ({ ...viewOverrides(view), ...roomRecipeOverrides(doc.roomTruncation) }), [view, doc.roomTruncation]);

  // The playhead lives in the client, outside React; before the client opens (and on the server) one on the page's document stands in.
  const playhead = client?.playhead ?? boot.playhead;
  // Once the client's playhead takes over, the stand-in stops (a key pressed early may have set it playing).
  useEffect(() => {
    if (client) boot.playhead.pause();
  }, [client, boot]);
  useEffect(() => () => boot.playhead.close(), [boot]);
  useEffect(() => client?.setView(room.model, overrides), [client, room.model, overrides]);
  const [presenting, setPresenting] = useState(false);
  useEffect(() => client?.setPresenting(presenting), [client, presenting]);

  const chain = useStore(playhead, (s) => s.chain, null);
  const canEdit = can(room.role, "edit") && doc.room !== null;
  // Notes are written on the room as it is, not on a version looked at.
  const canComment = can(room.role, "comment") && previewed === null;
  const [tab, setTab] = useState("chains");
  const [compareChosen, setCompare] = useState<CompareMode | null>(null);
  // History's compare shows the earlier version beside what the studio shows; otherwise the A/B view chosen.
  const comparing = history.comparing;
  const compare = useMemo<CompareMode | null>(
    () =>
      comparing
        ? {
            kind: "versions",
            earlier: { label: versionPresenceLabel(comparing.earlier.version), chains: comparing.earlier.content.chains },
            later: comparing.later ? versionPresenceLabel(comparing.later) : "Now",
            layout: comparing.layout,
          }
        : compareChosen,
    [comparing, compareChosen],
  );
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  const setActionProblem = useCallback((text: string | null) => setOutcome(text === null ? null : { tone: "problem", text }), []);

  // What is on screen, read at the moment a command needs it rather than at every playhead move.
  const look = useCallback((): Look => client?.look() ?? NOTHING_SHOWN, [client]);
  const shownLatent = useCallback(() => client?.shownLatent(latentSize) ?? null, [client, latentSize]);

  const exports = useExports(frames.exports);
  // Notes and exports carry this browser's own name in local mode.
  const signedAs = useMemo(() => (identity ? { name: identity.name, color: myUser.color } : null), [identity, myUser.color]);
  useEffect(() => {
    frames.threads?.setSignedAs(signedAs);
    frames.exports?.setSignedAs(signedAs);
    frames.versions?.setSignedAs(signedAs);
  }, [frames.threads, frames.exports, frames.versions, signedAs]);
  const presentNames = useMemo(() => people.map((p) => p.state.user.name), [people]);
  const goTo = useCallback((chainId: string, n: number) => playhead.goTo(chainId, n), [playhead]);
  const review = useReview({
    roomId: room.id,
    threads: frames.threads,
    bootNotes: notes,
    me: { id: me.user.id, name: signedUser.displayName },
    signedAs,
    presentNames,
    chains: doc.chains,
    roomTruncation: doc.roomTruncation,
    numbering: doc.numbering,
    look,
    latentSize,
    goTo,
    addKeyframe: (chainId, latent, at, mix) => doc.room?.addKeyframe(chainId, latent, { at, mix }),
    compare: (pair) => setCompare({ kind: "frames", frames: pair }),
  });
  const { open: openThread } = review;
  const openNote = useCallback(
    (note: PlacedNote) => {
      openThread(note);
      setTab("notes");
    },
    [openThread],
  );
  const selection = useKeyframeSelection(chain, canEdit ? doc.room : null);

  // The active chain's keyframes: each thumbnail's recipe built and hashed once.
  const keyframes = useMemo(
    () =>
      chain?.keyframes.map((k) => {
        const recipe = seedFrameRecipe(room.model, 0, { from: k.latent, to: k.latent, ...(k.mix ? { fromMix: k.mix } : {}), snapshot: chain.snapshot, width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE });
        const hash = recipeHash(recipe);
        return { recipe, hash, name: keyframeName(k, hash.slice(0, 6)) };
      }) ?? [],
    [chain, room.model],
  );
  const newChainOptions = useMemo(() => (snapshots[0] ? { snapshot: snapshots[0] } : {}), [snapshots]);
  const keepBeforeImport = frames.versions?.keepBeforeImport;
  const importFile = useCallback(
    async (file: File) => {
      // The room as it was is kept first, so History can always take an import back.
      const keepFirst = async (what: string) => {
        if (!keepBeforeImport) return "not connected to the room";
        const kept = await keepBeforeImport(what);
        return kept.ok ? null : kept.problem;
      };
      const imported = await importChainFile(file, doc.room, { model: room.model, latentSize, snapshot: snapshots[0] ?? "default" }, keepFirst);
      setOutcome(imported.ok ? { tone: "notice", text: imported.notice } : { tone: "problem", text: imported.message });
      if (imported.ok) playhead.selectChain(imported.chainId);
    },
    [room.model, latentSize, snapshots, doc.room, playhead, keepBeforeImport],
  );
  const withChain = useCallback(
    (edit: (chainId: string) => void) => {
      const editor = doc.room;
      editor?.batch(() => edit(playhead.getSnapshot().chain?.id ?? editor.addChain(newChainOptions)));
    },
    [doc.room, playhead, newChainOptions],
  );
  const [showingShortcuts, setShowingShortcuts] = useState(false);
  const toggleShortcuts = useCallback(() => setShowingShortcuts((shown) => !shown), []);

  // The keys, as the action table binds them.
  const { startNote, toggleDrawing, markIn, markOut, step: stepNote } = review;
  const keyframeKeys = selection.commands;
  const undo = doc.undo;
  const commands = useMemo<StudioCommands>(
    () => ({
      step: (delta) => playhead.moveBy(delta),
      goToEnd: (end) => playhead.goToEnd(end),
      togglePlay: () => playhead.togglePlay(),
      play: (way) => playhead.play(way),
      pause: () => playhead.pause(),
      undo: () => undo?.undo(),
      redo: () => undo?.redo(),
      toggleShadows: () => setView((c) => ({ ...c, view: c.view === "color" ? "shadows" : "color" })),
      toggleShortcuts,
      keyframe: keyframeKeys,
      review: canComment
        ? {
            comment: () => {
              startNote();
              setTab("notes");
            },
            draw: toggleDrawing,
            markIn,
            markOut,
            note: (direction) => {
              stepNote(direction);
              setTab("notes");
            },
          }
        : null,
    }),
    [playhead, undo, toggleShortcuts, keyframeKeys, canComment, startNote, toggleDrawing, markIn, markOut, stepNote],
  );
  useStudioKeys(commands);

  const studio: Studio = {
    room,
    me,
    myUser,
    identity,
    setIdentity,
    frames,
    doc,
    docConnection,
    share,
    playhead,
    colourOf,
    people: shownPeople,
    model: { info: roomModel, latentSize, snapshots },
    canEdit,
    canComment,
    ready: frames.joined && frames.workers.length > 0,
    overrides,
    view,
    setView,
    compare,
    setCompare,
    tab,
    setTab,
    review,
    openNote,
    exports,
    history,
    selection,
    keyframes,
    outcome,
    setOutcome,
    setActionProblem,
    importFile,
    withChain,
    newChainOptions,
    look,
    shownLatent,
    presenting,
    setPresenting,
    showingShortcuts,
    toggleShortcuts,
  };
  return { studio, accessLost };
}

const shareNothing = () => {};
const NOTHING_SHOWN: Look = { chain: null, frame: 0, chainRecipe: null, shownUrl: null };
const NO_PEERS: Peer[] = [];
