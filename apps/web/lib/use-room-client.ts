"use client";

import { useEffect, useRef, useState } from "react";
import type { RealtimeToken, Role } from "@umbra/protocol";
import { realtimeTokens } from "./realtime-token";
import { RoomClient } from "./room-client/room-client";

/**
 * The open room's client (lib/room-client/room-client.ts) for React: one per collab
 * URL and room, closed when the studio leaves it; null on the server and until the
 * first effects. The page's token serves the first connections only.
 */
export function useRoomClient(collabUrl: string | null, roomId: string, onAccessLost: (message: string) => void, initialToken: RealtimeToken | null, initialState: Uint8Array | null): RoomClient | null {
  const pageToken = useRef(initialToken);
  const pageState = useRef(initialState);
  const [client, setClient] = useState<RoomClient | null>(null);
  useEffect(() => {
    if (!collabUrl) return;
    // The page's token serves the first frames connection, and a document for the role it carries:
    // a document reopened for a new role needs a fresh one.
    const token = pageToken.current;
    pageToken.current = null;
    const tokens = (connection: "frames" | { doc: Role }) => realtimeTokens(roomId, connection === "frames" || connection.doc === token?.role ? token : null);
    const state = pageState.current;
    pageState.current = null;
    const opened = new RoomClient({ collabUrl, roomId, tokens, onAccessLost, ...(state ? { initialState: state } : {}) });
    setClient(opened);
    return () => {
      opened.close();
      setClient(null);
    };
  }, [collabUrl, roomId, onAccessLost]);
  return client;
}
