import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { DEFAULT_FRAME_NUMBERING, RoomDoc, createLocalUndo, migrateRoomDoc, type Chain, type FrameNumbering, type RepairRecord } from "@umbra/doc";
import { YJS_CLOSE_CODES, YJS_TOKEN_PARAM, presenceStateSchema, type PresenceState } from "@umbra/protocol";
import type { TokenFetch } from "../realtime-token";
import { SnapshotStore } from "./snapshot-store";

export interface Peer {
  clientId: number;
  state: PresenceState;
}

export type DocStatus = "connecting" | "synced" | "offline";

/** What this person shares about themselves besides who they are. */
export type PresencePatch = Partial<Omit<PresenceState, "user">>;

/** The room's document as the studio shows it; a new object whenever any of it changes. */
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
}

export const NO_ROOM_DOC: RoomDocState = { room: null, undo: null, chains: [], roomTruncation: null, numbering: DEFAULT_FRAME_NUMBERING, skipped: [], repair: null, peers: [], status: "connecting", waiting: 0, error: null };

export interface RoomDocOptions {
  collabUrl: string;
  roomId: string;
  /** A realtime token for each (re)connection. */
  tokens: () => Promise<TokenFetch>;
  /** Who this person is in the room's presence. */
  user: PresenceState["user"];
  /** The server ended this session for good (revoked, removed, room deleted). */
  onAccessLost: (message: string) => void;
  /** Outside a browser (tests), the WebSocket to use. */
  WebSocketPolyfill?: typeof globalThis.WebSocket;
  /** The document as the page came with it: shown at once; the sync then brings only what changed since. */
  initialState?: Uint8Array;
}

/** Presence (cursor, playhead) goes out at most this often; the server limits messages per second. */
const PRESENCE_INTERVAL_MS = 40;
/** How long to wait before coming back after the server closed the connection. */
const RECONNECT_MS = 1000;

/** What the studio shows of the document: chains as the schema allows them, and what could not be read. */
function readRoom(room: RoomDoc): Pick<RoomDocState, "chains" | "roomTruncation" | "numbering" | "skipped" | "repair"> {
  return { chains: room.chains(), roomTruncation: room.roomTruncation(), numbering: room.frameNumbering(), skipped: room.readProblems(), repair: room.repairRecord() };
}

/** The document as a page came with it, to read only: what the studio shows (and the server renders) before a connection has synced. */
export function bootDocState(state: Uint8Array): RoomDocState {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return { ...NO_ROOM_DOC, ...readRoom(new RoomDoc(doc, () => {})) };
}

/**
 * One room's Yjs document over y-websocket (the stock provider) and everyone's
 * presence, without React. It reconnects with a fresh token; revocation ends it.
 * Edits made offline stay in the local document and merge on reconnect. React reads
 * it with useSyncExternalStore; tests drive it in process against a real collab-server.
 */
export class RoomDocConnection extends SnapshotStore<RoomDocState> {
  readonly doc = new Y.Doc();
  readonly room: RoomDoc;
  private readonly undo: Y.UndoManager;
  private readonly provider: WebsocketProvider;
  private stopped = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  /** Edits made while disconnected: the sync on reconnecting sends them all. */
  private waiting = 0;
  private readonly unlisten: (() => void)[] = [];
  private pending: PresencePatch = {};
  private presenceTimer: ReturnType<typeof setTimeout> | undefined;
  private presenceSentAt = 0;

  constructor(private readonly options: RoomDocOptions) {
    super(NO_ROOM_DOC);
    const { collabUrl, roomId } = options;
    if (options.initialState) Y.applyUpdate(this.doc, options.initialState);
    // An old or buggy peer may have written what this version cannot read: skipped or clamped, logged once each.
    this.room = new RoomDoc(this.doc, (problem) => console.warn(`Umbra: the room document holds an entry this studio cannot read as it is: ${problem}`));
    this.undo = createLocalUndo(this.room);
    const ws = new WebsocketProvider(`${collabUrl.replace(/^http/, "ws")}/yjs`, roomId, this.doc, {
      connect: false,
      disableBc: true,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    });
    this.provider = ws;
    this.update({ room: this.room, undo: this.undo, ...readRoom(this.room) });

    this.unlisten.push(this.room.observe(() => this.update(readRoom(this.room))));
    this.doc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin !== ws && !ws.wsconnected) this.update({ waiting: ++this.waiting });
    });
    // The browser knows at once when the network goes, long before a silent socket would
    // time out: say Offline, keep edits here, and reconnect when the network is back.
    if (typeof window !== "undefined") {
      const goOffline = () => {
        ws.disconnect();
        this.update({ status: "offline" });
      };
      const goOnline = () => void this.connect();
      window.addEventListener("offline", goOffline);
      window.addEventListener("online", goOnline);
      this.unlisten.push(() => {
        window.removeEventListener("offline", goOffline);
        window.removeEventListener("online", goOnline);
      });
    }
    ws.on("status", ({ status }) => this.update({ status: status === "connected" ? (ws.synced ? "synced" : "connecting") : status === "connecting" ? "connecting" : "offline" }));
    ws.on("sync", (synced: boolean) => {
      if (!synced) return;
      const migrated = migrateRoomDoc(this.doc, this.room.origin);
      this.waiting = 0;
      this.update({ status: "synced", waiting: 0, ...readRoom(this.room), error: migrated.ok ? null : migrated.message });
    });
    ws.on("closed", ({ code, reason }) => this.closedByServer(code, reason));
    const showPeers = () => {
      const peers: Peer[] = [];
      for (const [clientId, raw] of ws.awareness.getStates()) {
        const parsed = presenceStateSchema.safeParse(raw);
        if (clientId !== this.doc.clientID && parsed.success) peers.push({ clientId, state: parsed.data });
      }
      this.update({ peers });
    };
    ws.awareness.on("change", showPeers);
    ws.awareness.setLocalState({ user: options.user, cursor: null, playhead: null } satisfies PresenceState);
    void this.connect();
  }

  /** Your name and colour changed: they go out without reconnecting. */
  setUser(user: PresenceState["user"]): void {
    if (this.provider.awareness.getLocalState()) this.provider.awareness.setLocalStateField("user", user);
  }

  /** Shares cursor, playhead or presenting, merged and sent at most once per interval, always ending on the latest; `now` sends at once (playback frames). */
  readonly share = (patch: PresencePatch, options?: { now?: boolean }): void => {
    this.pending = { ...this.pending, ...patch };
    if (options?.now) {
      clearTimeout(this.presenceTimer);
      this.flushPresence();
      return;
    }
    this.presenceTimer ??= setTimeout(() => this.flushPresence(), Math.max(0, PRESENCE_INTERVAL_MS - (performance.now() - this.presenceSentAt)));
  };

  close(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    clearTimeout(this.presenceTimer);
    for (const stop of this.unlisten) stop();
    this.undo.destroy();
    this.provider.destroy();
    this.doc.destroy();
    this.forgetListeners();
  }

  private flushPresence(): void {
    this.presenceTimer = undefined;
    this.presenceSentAt = performance.now();
    this.provider.awareness.setLocalState({ ...(this.provider.awareness.getLocalState() ?? {}), ...this.pending });
    this.pending = {};
  }

  private async connect(): Promise<void> {
    const token = await this.options.tokens();
    if (this.stopped) return;
    if (!token.ok) {
      if (token.lostAccess) this.options.onAccessLost(token.message);
      else this.update({ error: token.message, status: "offline" });
      return;
    }
    this.provider.params = { [YJS_TOKEN_PARAM]: token.token.token };
    this.provider.connect();
  }

  private closedByServer(code: number, reason: string): void {
    this.update({ status: "offline" });
    if (code === YJS_CLOSE_CODES.ACCESS_REVOKED) return this.options.onAccessLost(reason.replace(/^ACCESS_REVOKED: /, ""));
    if (code === YJS_CLOSE_CODES.VALIDATION_FAILED) {
      // This browser's copy holds something the room refused; reconnecting would send it again, so it stays closed.
      return this.update({
        error: `The room refused an edit from this browser (${reason.replace(/^VALIDATION_FAILED: /, "")}), so it is no longer in sync. Reload the page to continue with the room as everyone else sees it.`,
      });
    }
    // An expired token, a changed role, or a limit we tripped: say so, then come back with a fresh token.
    if (code !== YJS_CLOSE_CODES.UNAUTHORIZED) this.update({ error: `The server closed this browser's connection to the room (${reason}). Reconnecting; your edits are kept here meanwhile.` });
    this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
  }
}
