"use client";

import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { RealtimeToken } from "@umbra/protocol";
import type { FrameRecipe } from "@umbra/latent";
import type { FrameStore, ShownFrame } from "./frame-store";
import { realtimeTokens } from "./realtime-token";
import { adoptEarlyFrames } from "./room-client/early-connections";
import type { ExportsClient } from "./room-client/exports-client";
import type { ThreadsClient } from "./room-client/threads-client";
import { RoomConnection, type ConnectionState, type FrameAudience, type RoomConnectionState, type RoomSocket } from "./room-client/room-connection";

export type { ConnectionState, RoomSocket, ShownFrame };

/** The size of keyframe thumbnails. */
export const THUMBNAIL_SIZE = 64;

export interface RoomFrames extends RoomConnectionState {
  /** The frames this browser holds, for useHeldFrames; null before the connection opens. */
  store: FrameStore | null;
  /** The room's review threads and exports; null before the connection opens. */
  threads: ThreadsClient | null;
  exports: ExportsClient | null;
  /** The room's socket while connected (review threads travel on it too; they load before the join completes); null otherwise. */
  socket: RoomSocket | null;
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
const noSubscription = () => () => {};
const notConnected = () => NOT_CONNECTED;

/**
 * The room's frames connection (lib/room-client/room-connection.ts) for React: one per
 * collab URL and room, read through useSyncExternalStore. `onAccessLost` hears when the
 * server revokes this session.
 */
export function useRoomFrames(collabUrl: string | null, roomId: string, onAccessLost: (message: string) => void, initialToken: RealtimeToken | null): RoomFrames {
  const pageToken = useRef(initialToken);
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  useEffect(() => {
    if (!collabUrl) return;
    // The page's token serves the first connection only.
    // The connection the page opened before hydrating, when there is one for this room.
    const opened = adoptEarlyFrames(collabUrl, roomId, onAccessLost) ?? new RoomConnection({ collabUrl, roomId, tokens: realtimeTokens(roomId, pageToken.current), onAccessLost });
    pageToken.current = null;
    setConnection(opened);
    return () => {
      opened.close();
      setConnection(null);
    };
  }, [collabUrl, roomId, onAccessLost]);
  const state = useSyncExternalStore(connection?.subscribe ?? noSubscription, connection?.getSnapshot ?? notConnected, notConnected);
  const commands = connection ?? NO_FRAMES;
  return {
    connection: state.connection,
    joined: state.joined,
    workers: state.workers,
    error: state.error,
    renamedTo: state.renamedTo,
    roleChange: state.roleChange,
    socket: connection?.socket ?? null,
    store: connection?.frames ?? null,
    threads: connection?.threads ?? null,
    exports: connection?.exports ?? null,
    held: commands.held,
    request: commands.request,
    prefetch: commands.prefetch,
  };
}
