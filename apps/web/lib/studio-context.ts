"use client";

import { createContext, useContext, useMemo } from "react";
import type { FrameRecipe, LatentRef, StyleMix } from "@umbra/latent";
import type { Me, ModelInfo, Room, User } from "@umbra/protocol";
import type { CompareMode } from "./comparison";
import type { LocalIdentity } from "./local-identity";
import type { PlayheadState, PlayheadStore } from "./room-client/playhead-store";
import type { Peer, PresencePatch, RoomDocConnection, RoomDocState } from "./room-client/room-doc-connection";
import type { RoomExports } from "./use-exports";
import type { RoomHistory } from "./use-history";
import type { PlacedNote } from "./placed-notes";
import type { Look } from "./room-client/room-client";
import type { Review } from "./use-review";
import type { RoomFrames } from "./use-room-frames";
import type { useKeyframeSelection } from "./use-keyframe-selection";
import type { ActionOutcome } from "@/components/PreviewNotices";
import type { ViewChoice } from "@/components/ViewControls";
import { useStore } from "./use-store";

/** The room document as panels show it: everything but the people here, whose cursors move all the time. */
export type DocView = Omit<RoomDocState, "peers">;

/**
 * One open room as its panels read it. Nothing here changes when a playhead, a
 * cursor or a prefetched frame moves: what shows those reads the stores
 * (`playhead`, `docConnection`, `frames.store`) through selectors.
 */
export interface Studio {
  room: Room;
  me: Me;
  /** You as the room shows you: your name and the colour nobody else here has. */
  myUser: User;
  /** Local mode's name and colour for this browser; null when signed in. */
  identity: LocalIdentity | null;
  setIdentity(identity: LocalIdentity): void;
  frames: RoomFrames;
  doc: DocView;
  docConnection: RoomDocConnection | null;
  share(patch: PresencePatch, options?: { now?: boolean }): void;
  playhead: PlayheadStore;
  /** The shown colour of each person here, by client id. */
  colourOf(clientId: number, fallback: string): string;
  /** Everyone else here, as the header lists them (not their cursors). */
  people: Peer[];
  model: { info: ModelInfo | undefined; latentSize: number; snapshots: string[] };
  canEdit: boolean;
  canComment: boolean;
  /** Joined, and some worker renders: frames can be asked for. */
  ready: boolean;
  /** Your view (colour or Shadows) and the room's ψ, applied to every frame you see. */
  overrides: Partial<FrameRecipe>;
  view: ViewChoice;
  setView(view: ViewChoice): void;
  compare: CompareMode | null;
  setCompare(mode: CompareMode | null): void;
  tab: string;
  setTab(tab: string): void;
  review: Review;
  /** Opens a note in the Notes tab, and goes to its frame. */
  openNote(note: PlacedNote): void;
  exports: RoomExports;
  /** The room's versions; while one is previewed, `doc` is that version, read-only. */
  history: RoomHistory;
  selection: ReturnType<typeof useKeyframeSelection>;
  /** Each keyframe of the active chain: its thumbnail's recipe and hash, and its name. */
  keyframes: { recipe: FrameRecipe; hash: string; name: string }[];
  outcome: ActionOutcome | null;
  setOutcome(outcome: ActionOutcome | null): void;
  setActionProblem(text: string | null): void;
  importFile(file: File): Promise<void>;
  /** Runs an edit on the active chain, making a chain first (in the same undo step) when there is none. */
  withChain(edit: (chainId: string) => void): void;
  /** New chains start on the model's first snapshot. */
  newChainOptions: { snapshot?: string };
  /** What is on screen now, read when asked. */
  look(): Look;
  /** The latent on screen as a keyframe holds it; null where none holds it (a mix between keyframes). */
  shownLatent(): { latent: LatentRef; mix?: StyleMix } | null;
  presenting: boolean;
  setPresenting(presenting: boolean): void;
  showingShortcuts: boolean;
  toggleShortcuts(): void;
}

export const StudioContext = createContext<Studio | null>(null);

/** The open room; only inside RoomStudio. */
export function useStudio(): Studio {
  const studio = useContext(StudioContext);
  if (!studio) throw new Error("useStudio is for components inside RoomStudio");
  return studio;
}

/** Part of the playhead: the component re-renders when that part changes, not at every move. */
export function usePlayheadValue<T>(select: (state: PlayheadState) => T, isEqual?: (a: T, b: T) => boolean): T {
  const { playhead } = useStudio();
  return useStore(playhead, select, select(playhead.getSnapshot()), isEqual);
}

const NO_PEERS: Peer[] = [];

/** People as the studio shows them: each in the colour nobody else here has. */
export function inShownColours(peers: Peer[], colourOf: Studio["colourOf"]): Peer[] {
  return peers.map((p) => ({ ...p, state: { ...p.state, user: { ...p.state.user, color: colourOf(p.clientId, p.state.user.color) } } }));
}

/** Everyone else here with their cursors and playheads, in the colours shown: for what draws them, which re-renders as they move. */
export function useLivePeers(): Peer[] {
  const { docConnection, colourOf } = useStudio();
  const peers = useStore(docConnection, (s) => s.peers, NO_PEERS);
  return useMemo(() => inShownColours(peers, colourOf), [peers, colourOf]);
}

