"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { DEFAULT_FRAME_NUMBERING, RoomDoc, createLocalUndo, migrateRoomDoc, type Chain, type FrameNumbering, type RepairRecord } from "@umbra/doc";
import { YJS_CLOSE_CODES, YJS_TOKEN_PARAM, presenceStateSchema, type PresenceState, type RealtimeToken, type Role, type User } from "@umbra/protocol";
import { realtimeTokens } from "./realtime-token";

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
  /** The room's default ψ (room settings); null leaves it to the model. */
  roomTruncation: number | null;
  /** How the room counts frames and where its timecode starts (room settings). */
  numbering: FrameNumbering;
  /** Entries of the document this version could not read as they are: skipped or clamped, one line each. */
  skipped: readonly string[];
  /** collab-server's last repair of this room, for the owners' notice. */
  repair: RepairRecord | null;
  /** Everyone else here. */
  peers: Peer[];
  status: DocStatus;
  /** This browser's edits made while not connected: kept here, sent when it reconnects. */
  waiting: number;
  error: string | null;
  /** Shares cursor, playhead or presenting, rate-limited here; `now` sends at once (playback frames). */
  share(patch: PresencePatch, options?: { now?: boolean }): void;
}

const EMPTY: Omit<RoomDocState, "share"> = { room: null, undo: null, chains: [], roomTruncation: null, numbering: DEFAULT_FRAME_NUMBERING, skipped: [], repair: null, peers: [], status: "connecting", waiting: 0, error: null };

/** What the studio shows of the document: chains as the schema allows them, and what could not be read. */
function readRoom(room: RoomDoc): Pick<RoomDocState, "chains" | "roomTruncation" | "numbering" | "skipped" | "repair"> {
  return { chains: room.chains(), roomTruncation: room.roomTruncation(), numbering: room.frameNumbering(), skipped: room.readProblems(), repair: room.repairRecord() };
}

/** Presence (cursor, playhead) goes out at most this often; the server limits messages per second. */
const PRESENCE_INTERVAL_MS = 40;

/**
 * The room's Yjs document over y-websocket (the stock provider) and everyone's
 * presence. The provider reconnects with a fresh token; revocation ends it.
 * Edits made while offline stay in the local document and merge on reconnect.
 */
export function useRoomDoc(
  collabUrl: string | null,
  roomId: string,
  me: User,
  role: Role,
  onAccessLost: (message: string) => void,
  initialToken: RealtimeToken | null,
): RoomDocState {
  const presenceUser = useMemo(() => ({ id: me.id, name: me.displayName, color: me.color, role }), [me.id, me.displayName, me.color, role]);
  // The newest name and colour, for a connection that starts later; changes go out without reconnecting.
  const latestUser = useRef(presenceUser);
  latestUser.current = presenceUser;
  const [state, setState] = useState<Omit<RoomDocState, "share">>(EMPTY);
  const [provider, setProvider] = useState<WebsocketProvider | null>(null);
  const pageToken = useRef(initialToken);

  useEffect(() => {
    if (!collabUrl) return;
    // The page's token serves the first connection only.
    const nextToken = realtimeTokens(roomId, pageToken.current);
    pageToken.current = null;
    const ydoc = new Y.Doc();
    // An old or buggy peer may have written what this version cannot read: skipped or clamped, logged once each.
    const room = new RoomDoc(ydoc, (problem) => console.warn(`Umbra: the room document holds an entry this studio cannot read as it is: ${problem}`));
    const undo = createLocalUndo(room);
    const ws = new WebsocketProvider(`${collabUrl.replace(/^http/, "ws")}/yjs`, roomId, ydoc, { connect: false, disableBc: true });
    const awareness = ws.awareness;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const update = (patch: Partial<Omit<RoomDocState, "share">>) => setState((s) => ({ ...s, ...patch }));

    const connect = async () => {
      const token = await nextToken();
      if (stopped) return;
      if (!token.ok) {
        if (token.lostAccess) onAccessLost(token.message);
        else update({ error: token.message, status: "offline" });
        return;
      }
      ws.params = { [YJS_TOKEN_PARAM]: token.token.token };
      ws.connect();
    };

    const stopChains = room.observe(() => update(readRoom(room)));
    // Count edits made while disconnected: the sync on reconnecting sends them all.
    let waiting = 0;
    ydoc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin !== ws && !ws.wsconnected) update({ waiting: ++waiting });
    });
    // The browser knows at once when the network goes, long before a silent socket would
    // time out: say Offline, keep edits here, and reconnect when the network is back.
    const goOffline = () => {
      ws.disconnect();
      update({ status: "offline" });
    };
    const goOnline = () => void connect();
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);
    ws.on("status", ({ status }) => update({ status: status === "connected" ? (ws.synced ? "synced" : "connecting") : status === "connecting" ? "connecting" : "offline" }));
    ws.on("sync", (synced: boolean) => {
      if (!synced) return;
      const migrated = migrateRoomDoc(ydoc, room.origin);
      waiting = 0;
      update({ status: "synced", waiting, ...readRoom(room), error: migrated.ok ? null : migrated.message });
    });
    ws.on("closed", ({ code, reason }) => {
      update({ status: "offline" });
      if (code === YJS_CLOSE_CODES.ACCESS_REVOKED) {
        onAccessLost(reason.replace(/^ACCESS_REVOKED: /, ""));
        return;
      }
      if (code === YJS_CLOSE_CODES.VALIDATION_FAILED) {
        // This browser's copy holds something the room refused; reconnecting would send it again, so it stays closed.
        update({
          error: `The room refused an edit from this browser (${reason.replace(/^VALIDATION_FAILED: /, "")}), so it is no longer in sync. Reload the page to continue with the room as everyone else sees it.`,
        });
        return;
      }
      // An expired token, or a limit we tripped: say so, then come back with a fresh token.
      if (code !== YJS_CLOSE_CODES.UNAUTHORIZED) update({ error: `The server closed this browser's connection to the room (${reason}). Reconnecting; your edits are kept here meanwhile.` });
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
    awareness.setLocalState({ user: latestUser.current, cursor: null, playhead: null } satisfies PresenceState);
    update({ room, undo, ...readRoom(room) });
    setProvider(ws);
    void connect();

    return () => {
      stopped = true;
      clearTimeout(retry);
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      stopChains();
      undo.destroy();
      ws.destroy();
      ydoc.destroy();
      setProvider(null);
      setState(EMPTY);
    };
  }, [collabUrl, roomId, me.id, role, onAccessLost]);

  useEffect(() => {
    if (provider?.awareness.getLocalState()) provider.awareness.setLocalStateField("user", presenceUser);
  }, [provider, presenceUser]);

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
