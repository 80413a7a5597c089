"use client";

import type { FrameRecipe } from "@umbra/latent";
import type { FrameStore, ShownFrame } from "./frame-store";
import type { ExportsClient } from "./room-client/exports-client";
import type { ThreadsClient } from "./room-client/threads-client";
import type { VersionsClient } from "./room-client/versions-client";
import type { ConnectionState, FrameAudience, RoomConnection, RoomConnectionState } from "./room-client/room-connection";
import { useStore } from "./use-store";

export type { ConnectionState, ShownFrame };

/** The size of keyframe thumbnails. */
export const THUMBNAIL_SIZE = 64;

export interface RoomFrames extends RoomConnectionState {
  /** The frames this browser holds, for useHeldFrames; null before the connection opens. */
  store: FrameStore | null;
  /** The room's review threads, exports and History; null before the connection opens. */
  threads: ThreadsClient | null;
  exports: ExportsClient | null;
  versions: VersionsClient | null;
  /** The Directions panel's basis for a latent, while the room is joined (a rejoin asks again); null otherwise. */
  loadDirections: RoomConnection["loadDirections"] | null;
  /** A frame this browser holds, by recipe hash. */
  held(hash: string): ShownFrame | undefined;
  /**
   * Asks for a frame: for everyone in the room (the frame you look at, so those who
   * follow you hold it too), or for this browser only (thumbnails, the A/B view).
   */
  request(recipe: FrameRecipe, audience?: FrameAudience): void;
  /** Frames wanted soon, nearest first; those already held are left out. Replaces the previous list. */
  prefetch(recipes: FrameRecipe[]): void;
}

const NOT_CONNECTED: RoomConnectionState = { connection: "connecting", joined: false, workers: [], error: null, renamedTo: null, roleChange: null };
const NO_FRAMES = { held: () => undefined, request: () => {}, prefetch: () => {} };

/** The room's frames connection (lib/room-client/room-connection.ts) for React: its state, and its commands; nothing before it opens. */
export function useRoomFrames(connection: RoomConnection | null): RoomFrames {
  const state = useStore(connection, (s) => s, NOT_CONNECTED);
  const commands = connection ?? NO_FRAMES;
  return {
    ...state,
    loadDirections: state.joined && connection ? connection.loadDirections : null,
    store: connection?.frames ?? null,
    threads: connection?.threads ?? null,
    exports: connection?.exports ?? null,
    versions: connection?.versions ?? null,
    held: commands.held,
    request: commands.request,
    prefetch: commands.prefetch,
  };
}
