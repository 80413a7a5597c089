// Starts Umbra's real services for tests and benchmarks: collab-server in-process on a
// free port over a scratch database, and a gan-worker in-process on the wasm backend.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "@umbra/db";
import { createScratchTarget, type ScratchKind, type ScratchTarget } from "@umbra/db/testing";
import { readConfig, startCollabServer, type CollabConfig, type CollabServer, type CollabServerOptions } from "@umbra/collab-server";
import { chooseBackend, connectWorker, ModelRegistry, type BackendInfo } from "@umbra/gan-worker";
import { io, type Socket } from "socket.io-client";
import { EVENTS, NAMESPACES, type RoomClientToServerEvents, type RoomServerToClientEvents } from "@umbra/protocol";
import { ApiClient } from "./api.js";
import { startWorkerProcess } from "./worker-process.js";

export const TEST_WORKER_SECRET = "test-worker-secret-0123456789";

export interface Stack {
  collab: CollabServer;
  config: CollabConfig;
  database: Database;
  backend: BackendInfo | null;
  worker: { close(): void | Promise<void> } | null;
  /** The API as the local user (open stacks) or as nobody (stacks with accounts). */
  api: ApiClient;
  close(): Promise<void>;
}

export interface StackOptions {
  kind: ScratchKind;
  /** A gan-worker in this process (the default), in its own process (as in production), or none. */
  withWorker?: boolean | "process";
  /** UMBRA_OPEN=1: one local user, no accounts. */
  open?: boolean;
  webOrigins?: string[];
  limits?: Partial<CollabConfig["limits"]>;
  /** What one person and one room may write of notes. */
  notes?: Partial<CollabConfig["notes"]>;
  /** When History keeps versions by itself, and how many a room keeps. */
  versions?: Partial<CollabConfig["versions"]>;
  /** How long the hub waits for a worker's batch before handing it elsewhere. */
  renderTimeoutMs?: number;
  /** A disk frame cache folder (UMBRA_FRAME_CACHE_DIR). */
  frameCacheDir?: string;
  /** A models folder for the in-process worker (UMBRA_MODELS_DIR). */
  modelsDir?: string;
  log?: (line: string) => void;
  /** false lets updates that break the document schema through, to test the readers (default true). */
  checkDocumentUpdates?: boolean;
  /** An existing scratch database to reuse (restart tests); disposed by the caller. */
  scratch?: ScratchTarget;
  server?: CollabServerOptions;
  /** The export folder; by default a scratch folder deleted on close. */
  exportDir?: string;
  /** UMBRA_FFMPEG: "none" hides ffmpeg, to test the built-in MP4 encoder. */
  ffmpeg?: string;
  /** The export folder's budget (UMBRA_EXPORT_BUDGET_MB, in bytes here). */
  exportBudgetBytes?: number;
  /** REDIS_URL: several stacks on one database keep rooms in step through it. */
  redisUrl?: string;
  /** UMBRA_TOKEN_SECRET, shared by stacks that must accept each other's realtime tokens. */
  tokenSecret?: Uint8Array;
  /** UMBRA_ADMINS: sign-in names of the admins. */
  admins?: string[];
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const log = options.log ?? (() => {});
  const scratch: ScratchTarget = options.scratch ?? (await createScratchTarget(options.kind));
  const database = await openDatabase(scratch.target);
  const defaults = readConfig({});
  const exportDir = options.exportDir ?? (await mkdtemp(join(tmpdir(), "umbra-exports-")));
  const config: CollabConfig = {
    ...defaults,
    port: 0,
    host: "127.0.0.1",
    webOrigins: options.webOrigins ?? [],
    open: options.open ?? false,
    admins: options.admins ?? [],
    workerSecret: TEST_WORKER_SECRET,
    limits: { ...defaults.limits, ...options.limits },
    notes: { ...defaults.notes, ...options.notes },
    versions: { ...defaults.versions, ...options.versions },
    renderTimeoutMs: options.renderTimeoutMs ?? defaults.renderTimeoutMs,
    frameCacheDir: options.frameCacheDir,
    checkDocumentUpdates: options.checkDocumentUpdates ?? true,
    exports: { dir: exportDir, ffmpeg: options.ffmpeg, budgetBytes: options.exportBudgetBytes ?? defaults.exports.budgetBytes },
    redisUrl: options.redisUrl,
    ...(options.tokenSecret ? { tokenSecret: options.tokenSecret, tokenSecretGenerated: false } : {}),
  };
  const collab = await startCollabServer(database, config, log, options.server);
  let backend: BackendInfo | null = null;
  let worker: Stack["worker"] = null;
  if (options.withWorker === "process") {
    const service = await startWorkerProcess(collab.url);
    worker = { close: () => service.stop() };
  } else if (options.withWorker !== false) {
    backend = await chooseBackend("wasm", log);
    const registry = await ModelRegistry.withModelsFrom(options.modelsDir, log);
    await registry.warmUp();
    const connected = connectWorker({ hubUrl: collab.url, secret: TEST_WORKER_SECRET, name: "test-worker", backend, registry, log });
    await connected.ready;
    worker = connected;
  }
  return {
    collab,
    config,
    database,
    backend,
    worker,
    api: new ApiClient(collab.url),
    close: async () => {
      await worker?.close();
      await collab.close();
      await database.close();
      if (!options.scratch) await scratch.dispose();
      if (!options.exportDir) await rm(exportDir, { recursive: true, force: true });
    },
  };
}

export type RoomSocket = Socket<RoomServerToClientEvents, RoomClientToServerEvents>;

/** A /rooms socket opened with a realtime token; rejects with the server's reason when refused. */
export async function connectRoomSocket(baseUrl: string, token: string | undefined): Promise<RoomSocket> {
  const socket: RoomSocket = io(new URL(NAMESPACES.rooms, baseUrl).toString(), {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    auth: token === undefined ? {} : { token },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (error) => {
      socket.close();
      reject(error);
    });
  });
  return socket;
}

/** Sends any event with an acknowledgement and resolves to the answer, loosely typed for assertions. */
export function emitWithAck<T>(socket: RoomSocket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve) => (socket.emit as (e: string, p: unknown, a: (r: unknown) => void) => void)(event, payload, resolve as (r: unknown) => void));
}

/** A /rooms socket for this person, joined to the room (the join must succeed). */
export async function joinedRoomSocket(baseUrl: string, api: ApiClient, roomId: string): Promise<RoomSocket> {
  const socket = await connectRoomSocket(baseUrl, await api.realtimeToken(roomId));
  const join = await emitWithAck<{ ok: boolean; error?: { message: string } }>(socket, EVENTS.roomJoin, { roomId });
  if (!join.ok) throw new Error(`room:join failed: ${join.error?.message}`);
  return socket;
}
