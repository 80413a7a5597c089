"use client";

import { useEffect, useMemo, useState } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { RoomDoc, createLocalUndo, migrateRoomDoc, type Chain } from "@umbra/doc";
import { YJS_CLOSE_CODES, YJS_TOKEN_PARAM, presenceStateSchema, type PresenceState, type Role, type User } from "@umbra/protocol";
import { fetchRealtimeToken } from "./realtime-token";

export interface Peer {
  clientId: number;
  state: PresenceState;
}

export type DocStatus = "connecting" | "synced" | "offline";

/** What this person shares about themselves besides who they are. */
export type PresencePatch = Partial<Omit<PresenceState, "user">>;

export interface RoomDocState {
  room: RoomDoc | null;
  undo: Y.UndoManager | null;
  chains: Chain[];
  /** Everyone else here. */
  peers: Peer[];
  status: DocStatus;
  error: string | null;
  /** Shares cursor, playhead or presenting, rate-limited here; `now` sends at once (playback frames). */
  share(patch: PresencePatch, options?: { now?: boolean }): void;
}

/** Presence (cursor, playhead) goes out at most this often; the server limits messages per second. */
const PRESENCE_INTERVAL_MS = 40;

/**
 * The room's Yjs document over y-websocket (the stock provider) and everyone's
 * presence. The provider reconnects with a fresh token; revocation ends it.
 * Edits made while offline stay in the local document and merge on reconnect.
 */
export function useRoomDoc(collabUrl: string | null, roomId: string, me: User, role: Role, onAccessLost: (message: string) => void): RoomDocState {
  const [state, setState] = useState<Omit<RoomDocState, "share">>({ room: null, undo: null, chains: [], peers: [], status: "connecting", error: null });
  const [provider, setProvider] = useState<WebsocketProvider | null>(null);

  useEffect(() => {
    if (!collabUrl) return;
    const ydoc = new Y.Doc();
    const room = new RoomDoc(ydoc);
    const undo = createLocalUndo(room);
    const ws = new WebsocketProvider(`${collabUrl.replace(/^http/, "ws")}/yjs`, roomId, ydoc, { connect: false, disableBc: true });
    const awareness = ws.awareness;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const update = (patch: Partial<Omit<RoomDocState, "share">>) => setState((s) => ({ ...s, ...patch }));

    const connect = async () => {
      const token = await fetchRealtimeToken(roomId);
      if (stopped) return;
      if (!token.ok) {
        if (token.lostAccess) onAccessLost(token.message);
        else update({ error: token.message, status: "offline" });
        return;
      }
      ws.params = { [YJS_TOKEN_PARAM]: token.token.token };
      ws.connect();
    };

    const stopChains = room.observe(() => update({ chains: room.chains() }));
    ws.on("status", ({ status }) => update({ status: status === "connected" ? (ws.synced ? "synced" : "connecting") : status === "connecting" ? "connecting" : "offline" }));
    ws.on("sync", (synced: boolean) => {
      if (!synced) return;
      const migrated = migrateRoomDoc(ydoc, room.origin);
      update({ status: "synced", chains: room.chains(), error: migrated.ok ? null : migrated.message });
    });
    ws.on("closed", ({ code, reason }) => {
      update({ status: "offline" });
      if (code === YJS_CLOSE_CODES.ACCESS_REVOKED) {
        onAccessLost(reason.replace(/^ACCESS_REVOKED: /, ""));
        return;
      }
      // An expired token, or a limit we tripped: say so, then come back with a fresh token.
      if (code !== YJS_CLOSE_CODES.UNAUTHORIZED) update({ error: `The document connection was closed (${reason}); reconnecting.` });
      retry = setTimeout(() => void connect(), 1000);
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
    awareness.setLocalState({ user: { id: me.id, name: me.displayName, color: me.color, role }, cursor: null, playhead: null } satisfies PresenceState);
    update({ room, undo, chains: room.chains() });
    setProvider(ws);
    void connect();

    return () => {
      stopped = true;
      clearTimeout(retry);
      stopChains();
      undo.destroy();
      ws.destroy();
      ydoc.destroy();
      setProvider(null);
      setState({ room: null, undo: null, chains: [], peers: [], status: "connecting", error: null });
    };
  }, [collabUrl, roomId, me.id, me.displayName, me.color, role, onAccessLost]);

  const share = useMemo(() => {
    // Patches merge and go out at most once per interval, always ending on the latest.
    let pending: PresencePatch = {};
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const flush = () => {
      timer = undefined;
      last = performance.now();
      if (!provider) return;
      provider.awareness.setLocalState({ ...(provider.awareness.getLocalState() ?? {}), ...pending });
      pending = {};
    };
    return (patch: PresencePatch, options?: { now?: boolean }) => {
      pending = { ...pending, ...patch };
      if (options?.now) {
        clearTimeout(timer);
        flush();
        return;
      }
      timer ??= setTimeout(flush, Math.max(0, PRESENCE_INTERVAL_MS - (performance.now() - last)));
    };
  }, [provider]);

  return { ...state, share };
}
