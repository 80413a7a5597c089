import { io, type Socket } from "socket.io-client";
import {
  EVENTS,
  NAMESPACES,
  PREFETCH_LIMIT,
  frameFailedSchema,
  directionsLoadAckSchema,
  frameReadySchema,
  frameRequestAckSchema,
  framesPrefetchAckSchema,
  roomJoinAckSchema,
  roomRenamedSchema,
  sessionRevokedSchema,
  sessionRoleSchema,
  workersStatusSchema,
  type FRAME_AUDIENCES,
  type RoomClientToServerEvents,
  type RoomServerToClientEvents,
  type SessionRole,
  type ThreadSummaryPack,
  type WorkerSummary,
} from "@umbra/protocol";
import { decodeLatentBase64, recipeHash, type FrameRecipe, type LatentDirection, type LatentRef, type LatentVector } from "@umbra/latent";
import { FrameStore, type ShownFrame } from "../frame-store";
import type { TokenFetch } from "../realtime-token";
import { ExportsClient } from "./exports-client";
import { VersionsClient } from "./versions-client";
import { SnapshotStore } from "./snapshot-store";
import { ThreadsClient, type SignedAs } from "./threads-client";

export type FrameAudience = (typeof FRAME_AUDIENCES)[number];
export type DirectionsAnswer = { ok: true; w: LatentVector; directions: LatentDirection[] } | { ok: false; problem: string };
export type ConnectionState = "connecting" | "connected" | "offline";
export type RoomSocket = Socket<RoomServerToClientEvents, RoomClientToServerEvents>;

/** Frames held in this browser: a few chains' worth at 256², about 20 kB each. */
const HELD_FRAMES = 600;
/** How long to wait before asking for a fresh token after the server refused one. */
const TOKEN_RETRY_MS = 2000;

/** What the room's connection shows; a new object whenever any of it changes. */
export interface RoomConnectionState {
  connection: ConnectionState;
  /** room:join was answered: frames asked for now reach this browser. */
  joined: boolean;
  workers: WorkerSummary[];
  error: string | null;
  /** The room's name when the owner renamed it while you were here; null until then. */
  renamedTo: string | null;
  /** Your role and the owner's word when the owner changed it while you were here; null until then. */
  roleChange: SessionRole | null;
}

export interface RoomConnectionOptions {
  collabUrl: string;
  roomId: string;
  /** A realtime token for each (re)connection. */
  tokens: () => Promise<TokenFetch>;
  /** The server ended this session (revoked, removed, room deleted): the connection closes for good. */
  onAccessLost: (message: string) => void;
  /** In local mode, this browser's own name and colour, when known before connecting: the first notes load counts them as yours. */
  signedAs?: SignedAs;
  /** The notes the room page came with (a small room's), or where it had the browser fetch them already (room-notes-url): the first load starts from them. */
  notes?: ThreadSummaryPack | null;
  notesUrl?: string;
}

/**
 * One room's frames-and-notes connection, without React: the /rooms socket with a
 * fresh token for each (re)connection, the join, the frames this browser holds, the
 * workers, and what the server says about the room (renamed, your role changed, your
 * access gone). React reads it with useSyncExternalStore (`subscribe`, `getSnapshot`);
 * tests drive it in process against a real collab-server.
 */
export class RoomConnection extends SnapshotStore<RoomConnectionState> {
  /** The frames this browser holds; whoever shows them subscribes to it, not to this connection's state. */
  readonly frames = new FrameStore(HELD_FRAMES);
  /** The room's review threads and export jobs, loaded again on every (re)connection. */
  readonly threads: ThreadsClient;
  readonly exports: ExportsClient;
  readonly versions: VersionsClient;
  private readonly socketIo: RoomSocket;
  private lostAccess = false;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: RoomConnectionOptions) {
    super({ connection: "connecting", joined: false, workers: [], error: null, renamedTo: null, roleChange: null });
    const { collabUrl, roomId, tokens } = options;
    this.socketIo = io(new URL(NAMESPACES.rooms, collabUrl).toString(), {
      transports: ["websocket"],
      // Called before every (re)connection, so an expired token is replaced.
      auth: (send) => {
        void tokens().then((result) => {
          if (!result.ok && result.lostAccess) this.accessLost(result.message);
          else if (!result.ok) this.update({ error: result.message });
          send(result.ok ? { token: result.token.token } : {});
        });
      },
    });
    const socket = this.socketIo;
    this.threads = new ThreadsClient(socket, { signedAs: options.signedAs ?? null, notes: options.notes ?? null, notesUrl: options.notesUrl });
    this.exports = new ExportsClient(socket);
    this.versions = new VersionsClient(socket);
    socket.on("connect", () => {
      this.update({ connection: "connected" });
      socket.emit(EVENTS.roomJoin, { roomId }, (answer) => {
        const ack = roomJoinAckSchema.safeParse(answer);
        if (!ack.success) this.update({ error: "the server's answer to joining the room could not be read" });
        else if (ack.data.ok) this.update({ joined: true, workers: ack.data.workers, error: null });
        else this.update({ error: ack.data.error.message });
      });
      // A reconnect catches up on what changed meanwhile.
      this.threads.load();
      this.exports.load();
      this.versions.load();
    });
    socket.on("disconnect", () => this.update({ connection: "offline", joined: false }));
    socket.on("connect_error", (e) => {
      this.update({ connection: "offline" });
      if (this.lostAccess) return;
      // socket.io retries network failures itself; a refused token needs a fresh one.
      if (!socket.active) this.retry = setTimeout(() => socket.connect(), TOKEN_RETRY_MS);
      this.update({ error: socket.active ? `Can't reach the Umbra server at ${collabUrl} (${e.message}). Retrying; frames show again when it answers.` : e.message });
    });
    socket.on(EVENTS.sessionRevoked, (payload) => {
      const notice = sessionRevokedSchema.safeParse(payload);
      this.accessLost(notice.success ? notice.data.message : "Your access to this room was revoked.");
    });
    socket.on(EVENTS.workersStatus, (payload) => {
      const status = workersStatusSchema.safeParse(payload);
      this.update(status.success ? { workers: status.data.workers } : { error: "the server sent a malformed worker status" });
    });
    socket.on(EVENTS.frameReady, (payload) => {
      const parsed = frameReadySchema.safeParse(payload);
      if (!parsed.success) return this.update({ error: `received a malformed frame: ${parsed.error.issues[0]?.message ?? "unknown problem"}` });
      const f = parsed.data;
      if (f.roomId !== roomId) return;
      const url = URL.createObjectURL(new Blob([f.bytes as BlobPart], { type: f.mime }));
      this.frames.add({ url, hash: f.hash, recipe: f.recipe, width: f.width, height: f.height, renderMs: f.renderMs, backend: f.backend });
    });
    socket.on(EVENTS.roomRenamed, (payload) => {
      const renamed = roomRenamedSchema.safeParse(payload);
      if (renamed.success && renamed.data.roomId === roomId) this.update({ renamedTo: renamed.data.name });
    });
    socket.on(EVENTS.sessionRole, (payload) => {
      const notice = sessionRoleSchema.safeParse(payload);
      this.update(notice.success ? { roleChange: notice.data } : { error: "the server sent a malformed role change" });
    });
    socket.on(EVENTS.frameFailed, (payload) => {
      const parsed = frameFailedSchema.safeParse(payload);
      this.update({ error: parsed.success ? parsed.data.error.message : "a frame failed, and the server's notice about it was malformed" });
    });
  }

  /** The room's socket while connected (tests drop it to see a reconnect); null otherwise. */
  get socket(): RoomSocket | null {
    return this.getSnapshot().connection === "connected" ? this.socketIo : null;
  }

  /** A frame this browser holds, by recipe hash. */
  readonly held = (hash: string): ShownFrame | undefined => this.frames.get(hash);

  /**
   * Asks for a frame: for everyone in the room (the frame you look at, so those who
   * follow you hold it too), or for this browser only (thumbnails, the A/B view).
   */
  readonly request = (recipe: FrameRecipe, audience: FrameAudience = "room"): void => {
    if (!this.socketIo.connected) return this.update({ error: "not connected to collab-server" });
    // Only a change is news: a request at every scrub must not re-render whoever reads this state.
    if (this.getSnapshot().error !== null) this.update({ error: null });
    this.socketIo.emit(EVENTS.frameRequest, { roomId: this.options.roomId, recipe, audience }, (answer) => this.hear(frameRequestAckSchema, answer, "a frame request"));
  };

  /** Frames wanted soon, nearest first; those already held are left out. Replaces the previous list. */
  readonly prefetch = (recipes: FrameRecipe[]): void => {
    if (!this.socketIo.connected) return;
    const wanted = recipes.filter((r) => !this.frames.has(recipeHash(r))).slice(0, PREFETCH_LIMIT);
    this.socketIo.emit(EVENTS.framesPrefetch, { roomId: this.options.roomId, recipes: wanted }, (answer) => this.hear(framesPrefetchAckSchema, answer, "a prefetch"));
  };

  /**
   * The basis of the Directions panel for a latent: its w and the model's directions
   * there, decoded; or why not, in a sentence.
   */
  readonly loadDirections = (snapshot: string, latent: LatentRef): Promise<DirectionsAnswer> =>
    new Promise((resolve) => {
      if (!this.socketIo.connected) return resolve({ ok: false, problem: "Not connected: directions load once the studio reconnects." });
      this.socketIo.emit(EVENTS.directionsLoad, { roomId: this.options.roomId, snapshot, latent }, (answer) => {
        const parsed = directionsLoadAckSchema.safeParse(answer);
        if (!parsed.success) return resolve({ ok: false, problem: "The server's directions could not be read." });
        if (!parsed.data.ok) return resolve({ ok: false, problem: `No directions: ${parsed.data.error.message}` });
        resolve({ ok: true, w: decodeLatentBase64(parsed.data.w), directions: parsed.data.directions.map((d) => ({ vector: decodeLatentBase64(d.vector), sigma: d.sigma })) });
      });
    });

  /** Closes the socket; the room's frames go with it. */
  close(): void {
    clearTimeout(this.retry);
    this.socketIo.close();
    this.frames.clear();
    this.forgetListeners();
  }

  /** Checks an answer with its schema; a refusal, or an answer that cannot be read, becomes the error line. */
  private hear(schema: typeof frameRequestAckSchema | typeof framesPrefetchAckSchema, answer: unknown, what: string): void {
    const parsed = schema.safeParse(answer);
    if (!parsed.success) this.update({ error: `the server's answer to ${what} could not be read` });
    else if (!parsed.data.ok) this.update({ error: parsed.data.error.message });
  }

  private accessLost(message: string): void {
    this.lostAccess = true;
    this.options.onAccessLost(message);
  }
}
