import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Server } from "socket.io";
import type { Database } from "@umbra/db";
import { EVENTS, NAMESPACES, type ExportJob, type Health, type ModelList } from "@umbra/protocol";
import type { CollabConfig } from "./config.js";
import { FrameCache } from "./frames/frame-cache.js";
import { DiskFrameCache } from "./frames/disk-frame-cache.js";
import { FrameHub } from "./frames/frame-hub.js";
import { LatentMapper } from "./frames/latent-mapper.js";
import { LocalWorkerAsker } from "./frames/ask-worker.js";
import { DirectionFinder } from "./frames/direction-finder.js";
import { FrameShare } from "./cluster/frame-share.js";
import { RedisAttemptCounter } from "./cluster/redis-attempt-counter.js";
import { RedisWriteBudget } from "./cluster/redis-write-budget.js";
import { LocalWriteBudget } from "./limits/write-budget.js";
import { RedisLink } from "./cluster/redis-link.js";
import { ClusterRoster, GONE_AFTER_MS } from "./cluster/worker-roster.js";
import { relayExportCancels } from "./cluster/export-cancel-relay.js";
import { ClusterWorkerAsker } from "./cluster/worker-questions.js";
import { relayAccessChanges } from "./cluster/access-change-relay.js";
import { YjsRelay } from "./cluster/yjs-relay.js";
import { roomFrameSink, serveRoomNamespace } from "./frames/room-namespace.js";
import { serveWorkerNamespace } from "./frames/worker-namespace.js";
import { WorkerPool } from "./frames/worker-pool.js";
import { sendJson } from "./http/json-http.js";
import { LatencyWindow } from "./http/latency-window.js";
import { Router } from "./http/router.js";
import { addRoomRoutes } from "./rooms/room-routes.js";
import { serveComments } from "./comments/comment-handlers.js";
import { CommentStore } from "./comments/comment-store.js";
import { addCommentRoutes } from "./comments/comment-routes.js";
import { RoomStore } from "./rooms/room-store.js";
import { DocumentStore } from "./yjs/document-store.js";
import { YJS_PATH_PREFIX, YjsEndpoint } from "./yjs/yjs-endpoint.js";
import { addAccessRoutes } from "./access/access-routes.js";
import { AccessStore } from "./access/access-store.js";
import { LiveConnections } from "./access/live-connections.js";
import { RealtimeGate } from "./access/realtime-gate.js";
import { RealtimeTokens } from "./access/realtime-token.js";
import { AccountStore } from "./auth/account-store.js";
import { addAuthRoutes } from "./auth/auth-routes.js";
import { PasswordResets } from "./auth/password-resets.js";
import { addPasswordRoutes } from "./auth/password-routes.js";
import { requestIdentity } from "./auth/request-identity.js";
import { ExportFrameRouter } from "./exports/export-frame-feed.js";
import { ExportFiles } from "./exports/export-files.js";
import { serveExports } from "./exports/export-handlers.js";
import { serveVersions } from "./versions/version-handlers.js";
import { VersionKeeper } from "./versions/version-keeper.js";
import { VersionStore } from "./versions/version-store.js";
import { VersionPacker } from "./versions/version-packer.js";
import { addExportRoutes } from "./exports/export-routes.js";
import { ExportService } from "./exports/export-service.js";
import { failOrphanedExports } from "./exports/orphaned-exports.js";
import { ExportStore } from "./exports/export-store.js";
import { chooseMp4Encoder } from "./exports/mp4-encoder-choice.js";

export interface CollabServer {
  /** http://host:port the server listens on. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts collab-server on an open database: the HTTP API, socket.io (/rooms for
 * browsers, /workers for render workers) and the /yjs/<room> upgrade path.
 */
/** Versions one person keeps in a room per minute (each holds the whole document). */
const VERSION_SAVES_PER_MINUTE = 20;

export interface CollabServerOptions {
  /** Hears each Yjs update's receipt-to-commit time (benchmarks). */
  onYjsCommitted?: (ms: number) => void;
}

export async function startCollabServer(database: Database, config: CollabConfig, log: (line: string) => void, options: CollabServerOptions = {}): Promise<CollabServer> {
  const rooms = new RoomStore(database.prisma);
  const accounts = new AccountStore(database.prisma);
  const access = new AccessStore(database.prisma);
  const tokens = new RealtimeTokens(config.tokenSecret);
  const gate = new RealtimeGate(tokens, rooms);
  const live = new LiveConnections();
  /** This process among collab-servers: whose exports are whose. */
  const serverId = randomUUID();
  // With REDIS_URL, what must hold across collab-servers goes through Redis: rooms, broadcasts,
  // revocations, workers and frames, and sign-in limits (see "Running several servers").
  const redis = config.redisUrl ? await RedisLink.connect(config.redisUrl, log) : undefined;
  if (redis) {
    await relayAccessChanges(redis, live, log);
    log(`cluster: kept in step with other collab-servers through Redis at ${redactedUrl(config.redisUrl!)}`);
  }
  const identify = requestIdentity(accounts, config.open);
  const pool = new WorkerPool();
  const router = new Router();
  router.add("GET", "/healthz", (_req, res) =>
    sendJson(res, 200, { ok: true, database: database.target.kind, workers: pool.size, open: config.open } satisfies Health),
  );
  addAuthRoutes(router, accounts, identify, {
    open: config.open,
    admins: config.admins,
    trustedProxies: config.trustedProxies,
    log,
    ...(redis ? { attemptCounter: (kind: string, max: number, windowMs: number) => new RedisAttemptCounter(redis, kind, max, windowMs) } : {}),
  });
  // The Yjs endpoint and the socket.io namespace start below; rooms are renamed and deleted long after start-up.
  addRoomRoutes(router, {
    rooms,
    identify,
    live,
    flushDocument: (roomId) => yjs.flushRoom(roomId),
    documentState: (roomId) => yjs.documentState(roomId),
    forgetExports: (roomId) => exportService.forgetRoom(roomId),
    announceName: (roomId, name) => roomNsp.to(roomId).emit(EVENTS.roomRenamed, { roomId, name }),
    log,
  });
  router.add("GET", "/api/models", async (req, res) => {
    await identify(req);
    sendJson(res, 200, { models: roster.models() } satisfies ModelList);
  });
  addAccessRoutes(router, { rooms, access, tokens, live, identify, log });
  addPasswordRoutes(router, { accounts, resets: new PasswordResets(database.prisma), live, identify, open: config.open, admins: config.admins, log });
  const comments = new CommentStore(database.prisma, config.notes);
  const documents = new DocumentStore(database.prisma);
  addCommentRoutes(router, { rooms, comments, identify, open: config.open, readRoom: (roomId, read) => yjs.readRoom(roomId, read) });

  const http = createServer((req, res) => void router.handle(req, res, log));
  const allowedOrigins = new Set(config.webOrigins);
  const io = new Server(http, {
    ...(redis ? { adapter: redis.socketAdapter() } : {}),
    // Binary frames of 1024² JPEG fit well under this; larger payloads are refused.
    maxHttpBufferSize: 8 * 1024 * 1024,
    cors: { origin: config.webOrigins },
    // Browsers send Origin; only the web app's origins may open a socket. Workers
    // and other Node clients send none.
    allowRequest: (req: IncomingMessage, callback) => {
      const origin = req.headers.origin;
      callback(null, origin === undefined || allowedOrigins.has(origin));
    },
    destroyUpgrade: false,
  });
  const roomNsp = io.of(NAMESPACES.rooms);
  const announceExport = (job: ExportJob) => roomNsp.to(job.roomId).emit(EVENTS.exportUpdated, job);
  const exportStore = new ExportStore(database.prisma);
  // Alone, this server knows at once that every export left queued or running was its
  // previous run's; with other servers, the roster says which are alive (checked below).
  if (!redis) await failOrphanedExports(exportStore, null, [serverId], announceExport, log);
  const exportFiles = await ExportFiles.open(config.exports.dir, await exportStore.activeIds(), log);
  const mp4 = await chooseMp4Encoder(config.exports.ffmpeg, process.env.PATH ?? "", log);
  const mp4Info = { kind: mp4.kind, detail: mp4.detail };
  addExportRoutes(router, { rooms, store: exportStore, files: exportFiles, identify, mp4: mp4Info });
  const sink = roomFrameSink(roomNsp);
  const exportFrames = new ExportFrameRouter();
  const cache = new FrameCache(config.frameCacheBytes);
  const disk = config.frameCacheDir ? await DiskFrameCache.open(config.frameCacheDir, config.frameCacheDiskBytes, log) : undefined;
  const clusterRoster = redis ? await ClusterRoster.join(serverId, pool, redis, log) : undefined;
  const roster = clusterRoster ?? pool;
  const frameShare = redis ? new FrameShare(redis, pool, roster, config.renderTimeoutMs, log) : undefined;
  const hub = new FrameHub(pool, exportFrames.sink(sink), cache, { renderTimeoutMs: config.renderTimeoutMs, log, disk, cluster: frameShare });
  await frameShare?.attach(hub);
  const localAsker = new LocalWorkerAsker(pool);
  const clusterAsker = redis ? await ClusterWorkerAsker.join(serverId, redis, localAsker, roster, log) : undefined;
  const mapper = new LatentMapper(clusterAsker ?? localAsker, config.renderTimeoutMs);
  const directions = new DirectionFinder(clusterAsker ?? localAsker, mapper, config.renderTimeoutMs);
  serveRoomNamespace(roomNsp, { rooms, gate, live, hub, sink, roster, directions, limits: config.limits, log });
  const noteWrites = config.notes.writesPerMinute;
  const noteBudget = redis ? new RedisWriteBudget(redis, "notes", noteWrites, 60_000) : new LocalWriteBudget(noteWrites, 60_000);
  serveComments(roomNsp, { store: comments, budget: noteBudget, writesPerMinute: noteWrites, open: config.open, log });
  // Messages are heard on later turns, once exportService below exists.
  const cancelElsewhere = redis ? await relayExportCancels(redis, (roomId, exportId): Promise<unknown> => exportService.cancelHere(roomId, exportId), log) : undefined;
  const exportService = new ExportService({
    store: exportStore,
    files: exportFiles,
    hub,
    router: exportFrames,
    mapper,
    mp4,
    models: () => roster.models(),
    readRoom: (roomId, read) => yjs.readRoom(roomId, read),
    budgetBytes: config.exports.budgetBytes,
    announce: announceExport,
    server: serverId,
    ...(cancelElsewhere ? { cancelElsewhere } : {}),
    log,
  });
  // A server that died leaves its exports running in the database: once it has been
  // silent long enough to be gone from the roster, whichever server looks fails them.
  const orphanSweep = clusterRoster
    ? setInterval(() => {
        failOrphanedExports(exportStore, exportFiles, clusterRoster.liveServers(), announceExport, log).catch((error: unknown) =>
          log(`exports: could not check for exports of stopped servers: ${error instanceof Error ? error.message : String(error)}`),
        );
      }, GONE_AFTER_MS)
    : undefined;
  orphanSweep?.unref();
  serveExports(roomNsp, { service: exportService, store: exportStore, rooms, mp4: mp4Info, open: config.open, log });
  const versionPacker = new VersionPacker(log);
  const versionStore = new VersionStore(database.prisma, config.versions, versionPacker, log);
  const versions = new VersionKeeper({
    store: versionStore,
    packer: versionPacker,
    settings: config.versions,
    readRoom: (roomId, read) => yjs.readRoom(roomId, read),
    announce: (roomId, version) => roomNsp.to(roomId).emit(EVENTS.versionsChanged, { saved: version }),
    log,
  });
  serveVersions(roomNsp, { store: versionStore, keeper: versions, budget: new LocalWriteBudget(VERSION_SAVES_PER_MINUTE, 60_000), savesPerMinute: VERSION_SAVES_PER_MINUTE, open: config.open, log });
  serveWorkerNamespace(io.of(NAMESPACES.workers), pool, hub, config.workerSecret, log);
  const persistLatency = new LatencyWindow();
  const relay = redis ? new YjsRelay(redis, log) : undefined;
  const yjs = new YjsEndpoint({
    relay,
    gate,
    live,
    limits: config.limits,
    store: documents,
    open: config.open,
    checkDocumentUpdates: config.checkDocumentUpdates,
    onEdit: (roomId, by, doc) => versions.edited(roomId, by, doc),
    log,
    onCommitted: (ms) => {
      persistLatency.add(ms);
      options.onYjsCommitted?.(ms);
    },
  });
  clusterRoster?.onServerGone(() => {
    yjs.storeHeldRooms().then(
      (rooms) => log(`cluster: a collab-server has gone; stored the whole state of the ${rooms} room(s) held here, in case it died before storing what it relayed`),
      (error: unknown) => log(`cluster: could not store held rooms after a server went: ${error instanceof Error ? error.message : String(error)}`),
    );
  });
  // ?since=<ms since the epoch> limits the figures to what happened after a moment (a benchmark's warm-up).
  router.add("GET", "/metrics", (req, res) => {
    const since = Number(new URL(req.url ?? "/", "http://local").searchParams.get("since") ?? 0);
    sendJson(res, 200, {
      yjs: { persistMs: persistLatency.summary(Number.isFinite(since) ? since : 0) },
      frameCache: { frames: cache.size, bytes: cache.usedBytes, budgetBytes: cache.budgetBytes, disk: disk ? { frames: disk.size, bytes: disk.usedBytes } : null },
      workers: pool.size,
    });
  });

  http.on("upgrade", (req, socket, head) => {
    const path = new URL(req.url ?? "/", "http://local").pathname;
    if (path.startsWith(YJS_PATH_PREFIX)) yjs.handleUpgrade(req, socket, head);
    else if (!path.startsWith("/socket.io/")) socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const shownHost = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: async () => {
      clearInterval(orphanSweep);
      await exportService.close();
      io.disconnectSockets(true);
      versions.close();
      await versionPacker.close();
      await yjs.close();
      clusterRoster?.close();
      clusterAsker?.close();
      // socket.io's Redis adapter publishes through the link until io closes.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await redis?.close();
      await documents.close();
    },
  };
}

/** A URL as a log may show it: without its password. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(an unreadable URL)";
  }
}
