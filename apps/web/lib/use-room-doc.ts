"use client";

import { useEffect, useState } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { RoomDoc, type Keyframe } from "@umbra/doc";
import { YJS_CLOSE_CODES, YJS_TOKEN_PARAM, presenceStateSchema, type PresenceState, type Role, type User } from "@umbra/protocol";
import { fetchRealtimeToken } from "./realtime-token";

export interface Peer {
  clientId: number;
  state: PresenceState;
}

export interface RoomDocState {
  doc: RoomDoc | null;
  keyframes: Keyframe[];
  /** Everyone else here, with their cursors. */
  peers: Peer[];
  synced: boolean;
  error: string | null;
  /** Moves this person's cursor over the stage (0..1 both ways), or hides it. */
  moveCursor(point: { x: number; y: number } | null): void;
}

/** Cursor updates are sent at most this often; the server limits messages per second. */
const CURSOR_INTERVAL_MS = 40;

/**
 * The room's Yjs document over y-websocket (the stock provider) and everyone's
 * presence. The provider reconnects with a fresh token; revocation ends it.
 */
export function useRoomDoc(collabUrl: string | null, roomId: string, me: User, role: Role, onAccessLost: (message: string) => void): RoomDocState {
  const [state, setState] = useState<Omit<RoomDocState, "moveCursor">>({ doc: null, keyframes: [], peers: [], synced: false, error: null });
  const [mover, setMover] = useState<(point: { x: number; y: number } | null) => void>(() => () => {});

  useEffect(() => {
    if (!collabUrl) return;
    const ydoc = new Y.Doc();
    const doc = new RoomDoc(ydoc);
    const provider = new WebsocketProvider(`${collabUrl.replace(/^http/, "ws")}/yjs`, roomId, ydoc, { connect: false, disableBc: true });
    const awareness = provider.awareness;
    let stopped = false;
    const update = (patch: Partial<Omit<RoomDocState, "moveCursor">>) => setState((s) => ({ ...s, ...patch }));

    const connect = async () => {
      const token = await fetchRealtimeToken(roomId);
      if (stopped) return;
      if (!token.ok) {
        if (token.lostAccess) onAccessLost(token.message);
        else update({ error: token.message });
        return;
      }
      provider.params = { [YJS_TOKEN_PARAM]: token.token.token };
      provider.connect();
    };

    const stopChain = doc.observe(() => update({ keyframes: doc.keyframes() }));
    provider.on("sync", (synced: boolean) => update({ synced, keyframes: doc.keyframes(), ...(synced ? { error: null } : {}) }));
    provider.on("closed", ({ code, reason }) => {
      update({ synced: false });
      if (code === YJS_CLOSE_CODES.ACCESS_REVOKED) {
        onAccessLost(reason.replace(/^ACCESS_REVOKED: /, ""));
        return;
      }
      // An expired token, or a limit we tripped: say so, then come back with a fresh token.
      if (code !== YJS_CLOSE_CODES.UNAUTHORIZED) update({ error: `The document connection was closed (${reason}); reconnecting.` });
      setTimeout(() => void connect(), 1000);
    });
    const showPeers = () => {
      const peers: Peer[] = [];
      for (const [clientId, raw] of awareness.getStates()) {
        const parsed = presenceStateSchema.safeParse(raw);
        if (clientId !== ydoc.clientID && parsed.success) peers.push({ clientId, state: parsed.data });
      }
      update({ peers });
    };
    awareness.on("change", showPeers);
    awareness.setLocalState({ user: { id: me.id, name: me.displayName, color: me.color, role }, cursor: null } satisfies PresenceState);

    let lastSent = 0;
    let pending: ReturnType<typeof setTimeout> | undefined;
    setMover(() => (point: { x: number; y: number } | null) => {
      clearTimeout(pending);
      const send = () => {
        lastSent = performance.now();
        awareness.setLocalStateField("cursor", point);
      };
      const wait = CURSOR_INTERVAL_MS - (performance.now() - lastSent);
      if (wait <= 0 || point === null) send();
      else pending = setTimeout(send, wait);
    });
    update({ doc });
    void connect();

    return () => {
      stopped = true;
      clearTimeout(pending);
      stopChain();
      provider.destroy();
      ydoc.destroy();
      setState({ doc: null, keyframes: [], peers: [], synced: false, error: null });
    };
  }, [collabUrl, roomId, me.id, me.displayName, me.color, role, onAccessLost]);

  return { ...state, moveCursor: mover };
}
