"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import type { RealtimeToken, Role, User } from "@umbra/protocol";
import { realtimeTokens } from "./realtime-token";
import { adoptEarlyDoc } from "./room-client/early-connections";
import { RoomDocConnection } from "./room-client/room-doc-connection";

export type { DocStatus, Peer, PresencePatch } from "./room-client/room-doc-connection";

/**
 * The room's document connection (lib/room-client/room-doc-connection.ts) for React:
 * one per collab URL, room, person and role; null until it opens. Components read
 * the parts they show with useStore.
 */
export function useRoomDoc(
  collabUrl: string | null,
  roomId: string,
  me: User,
  role: Role,
  onAccessLost: (message: string) => void,
  initialToken: RealtimeToken | null,
): RoomDocConnection | null {
  const presenceUser = useMemo(() => ({ id: me.id, name: me.displayName, color: me.color, role }), [me.id, me.displayName, me.color, role]);
  // The newest name and colour, for a connection that starts later; changes go out without reconnecting.
  const latestUser = useRef(presenceUser);
  latestUser.current = presenceUser;
  const pageToken = useRef(initialToken);
  const [connection, setConnection] = useState<RoomDocConnection | null>(null);

  useEffect(() => {
    if (!collabUrl) return;
    // The page's token serves the first connection only.
    // The connection the page opened before hydrating, when there is one for this room, person and role.
    const opened =
      adoptEarlyDoc(collabUrl, roomId, me.id, role, onAccessLost) ??
      new RoomDocConnection({ collabUrl, roomId, tokens: realtimeTokens(roomId, pageToken.current), user: latestUser.current, onAccessLost });
    pageToken.current = null;
    setConnection(opened);
    return () => {
      opened.close();
      setConnection(null);
    };
    // A new role reconnects with a token that carries it; a new name or colour does not (below).
  }, [collabUrl, roomId, me.id, role, onAccessLost]);

  useEffect(() => connection?.setUser(presenceUser), [connection, presenceUser]);

  return connection;
}
