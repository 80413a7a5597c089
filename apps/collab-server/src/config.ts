import { randomBytes } from "node:crypto";
import { join, resolve } from "node:path";

/** collab-server settings from the environment; every variable is in docs/configuration.md. */
export interface CollabConfig {
  port: number;
  host: string;
  /** Browser origins allowed to open sockets (the web app's). */
  webOrigins: string[];
  /** How long a worker may take to answer one frame before it fails. */
  renderTimeoutMs: number;
  /** Byte budget of the hub's cache of encoded frames. */
  frameCacheBytes: number;
  /** Folder of the disk frame cache that survives restarts; undefined: none. */
  frameCacheDir: string | undefined;
  /** Byte budget of that folder. */
  frameCacheDiskBytes: number;
  /** UMBRA_OPEN=1: no accounts; every caller is the local user, owner of every room. */
  open: boolean;
  /** UMBRA_ADMINS: sign-in names (lower-case) of the accounts that make password reset links. */
  admins: string[];
  /** Workers must present it; undefined only outside production, where any worker is let in. */
  workerSecret: string | undefined;
  /** Signs realtime tokens. */
  tokenSecret: Uint8Array;
  /** Whether the token secret was generated for this run (tokens die with the process). */
  tokenSecretGenerated: boolean;
  /** Addresses whose X-Forwarded-For is believed (the web app's server). */
  trustedProxies: string[];
  limits: RealtimeLimits;
  notes: NoteLimits;
  versions: VersionSettings;
  /** Refuse Yjs updates that would break the document schema; UMBRA_UNSAFE_SKIP_DOC_CHECK=1 turns it off, for tests of the reader only. */
  checkDocumentUpdates: boolean;
  exports: ExportConfig;
  /** REDIS_URL: collab-servers sharing one database keep rooms in step through it; undefined: this server alone. */
  redisUrl: string | undefined;
}

export interface ExportConfig {
  /** Where finished exports are stored (UMBRA_EXPORT_DIR; default <data folder>/exports). */
  dir: string;
  /** The folder's byte budget: past it, the oldest finished exports are deleted. */
  budgetBytes: number;
  /** UMBRA_FFMPEG: an ffmpeg to use, "none" for the built-in MP4 encoder, or undefined to look on PATH. */
  ffmpeg: string | undefined;
}

export interface RealtimeLimits {
  /** Largest socket.io event a browser may send. */
  maxMessageBytes: number;
  /** Largest Yjs message (an imported latent sequence can be large). */
  yjsMaxMessageBytes: number;
  /** Sustained messages per second per connection; bursts up to twice this pass. */
  messagesPerSecond: number;
}

/** How much review one person and one room may write: a second connection buys nobody more. */
export interface NoteLimits {
  /** Note changes one person makes in a room per minute, across all their connections (UMBRA_NOTE_WRITES_PER_MINUTE). */
  writesPerMinute: number;
  /** Notes one room holds (UMBRA_ROOM_MAX_NOTES). */
  threadsPerRoom: number;
  /** Comments one note holds, itself included (UMBRA_NOTE_MAX_COMMENTS). */
  commentsPerThread: number;
  /** Drawing points all of a room's notes hold (UMBRA_ROOM_MAX_DRAWING_POINTS). */
  drawingPointsPerRoom: number;
  /** Bytes of a room's notes: text, thumbnails and drawings (UMBRA_ROOM_MAX_NOTES_MB, in bytes here). */
  bytesPerRoom: number;
}

/** When a room's History keeps a version by itself, and how much of them a room keeps. */
export interface VersionSettings {
  /** An automatic version after this long with no edit, after at least one (UMBRA_VERSION_PAUSE_SECONDS). */
  pauseMs: number;
  /** At most this long of continuous editing between automatic versions (UMBRA_VERSION_EVERY_MINUTES). */
  everyMs: number;
  /** Versions one room keeps; past it the oldest automatic ones go (UMBRA_ROOM_MAX_VERSIONS). */
  perRoom: number;
  /** Bytes of one room's versions; past it too (UMBRA_ROOM_MAX_VERSIONS_MB, in bytes here). */
  bytesPerRoom: number;
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  const n = integer(value, fallback, name);
  if (n === 0) throw new Error(`${name} must be at least 1`);
  return n;
}

function flag(value: string | undefined, name: string): boolean {
  if (value === undefined || value === "" || value === "0" || value === "false") return false;
  if (value === "1" || value === "true") return true;
  throw new Error(`${name} must be 1 or 0, got "${value}"`);
}

export const MIN_SECRET_LENGTH = 16;

export function readConfig(env: NodeJS.ProcessEnv = process.env): CollabConfig {
  const webPort = integer(env.PORT, 3000, "PORT");
  const production = env.NODE_ENV === "production";
  const workerSecret = env.UMBRA_WORKER_SECRET || undefined;
  if (production && !workerSecret) {
    throw new Error("UMBRA_WORKER_SECRET is required when NODE_ENV=production: without it anyone could connect as a render worker");
  }
  if (workerSecret !== undefined && workerSecret.length < MIN_SECRET_LENGTH) {
    throw new Error(`UMBRA_WORKER_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  const tokenSecretText = env.UMBRA_TOKEN_SECRET || undefined;
  if (tokenSecretText !== undefined && tokenSecretText.length < 32) throw new Error("UMBRA_TOKEN_SECRET must be at least 32 characters");
  return {
    port: integer(env.COLLAB_PORT, 3001, "COLLAB_PORT"),
    host: env.UMBRA_HOST ?? "0.0.0.0",
    webOrigins: env.UMBRA_WEB_ORIGINS
      ? env.UMBRA_WEB_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean)
      : [`http://localhost:${webPort}`, `http://127.0.0.1:${webPort}`],
    renderTimeoutMs: integer(env.UMBRA_RENDER_TIMEOUT_MS, 10_000, "UMBRA_RENDER_TIMEOUT_MS"),
    frameCacheBytes: integer(env.UMBRA_FRAME_CACHE_MB, 256, "UMBRA_FRAME_CACHE_MB") * 1024 * 1024,
    frameCacheDir: env.UMBRA_FRAME_CACHE_DIR || undefined,
    frameCacheDiskBytes: integer(env.UMBRA_FRAME_CACHE_DISK_MB, 2048, "UMBRA_FRAME_CACHE_DISK_MB") * 1024 * 1024,
    open: flag(env.UMBRA_OPEN, "UMBRA_OPEN"),
    admins: (env.UMBRA_ADMINS ?? "")
      .split(",")
      .map((login) => login.trim().toLowerCase())
      .filter(Boolean),
    workerSecret,
    tokenSecret: tokenSecretText ? new TextEncoder().encode(tokenSecretText) : randomBytes(32),
    tokenSecretGenerated: tokenSecretText === undefined,
    trustedProxies: (env.UMBRA_TRUSTED_PROXIES ?? "127.0.0.1,::1,::ffff:127.0.0.1")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean),
    limits: {
      maxMessageBytes: positive(env.UMBRA_MAX_MESSAGE_BYTES, 1024 * 1024, "UMBRA_MAX_MESSAGE_BYTES"),
      yjsMaxMessageBytes: positive(env.UMBRA_YJS_MAX_MESSAGE_BYTES, 10 * 1024 * 1024, "UMBRA_YJS_MAX_MESSAGE_BYTES"),
      messagesPerSecond: positive(env.UMBRA_MAX_MESSAGES_PER_SECOND, 100, "UMBRA_MAX_MESSAGES_PER_SECOND"),
    },
    notes: {
      writesPerMinute: positive(env.UMBRA_NOTE_WRITES_PER_MINUTE, 120, "UMBRA_NOTE_WRITES_PER_MINUTE"),
      threadsPerRoom: positive(env.UMBRA_ROOM_MAX_NOTES, 20_000, "UMBRA_ROOM_MAX_NOTES"),
      commentsPerThread: positive(env.UMBRA_NOTE_MAX_COMMENTS, 1_000, "UMBRA_NOTE_MAX_COMMENTS"),
      drawingPointsPerRoom: positive(env.UMBRA_ROOM_MAX_DRAWING_POINTS, 2_000_000, "UMBRA_ROOM_MAX_DRAWING_POINTS"),
      bytesPerRoom: positive(env.UMBRA_ROOM_MAX_NOTES_MB, 256, "UMBRA_ROOM_MAX_NOTES_MB") * 1024 * 1024,
    },
    versions: {
      pauseMs: positive(env.UMBRA_VERSION_PAUSE_SECONDS, 120, "UMBRA_VERSION_PAUSE_SECONDS") * 1000,
      everyMs: positive(env.UMBRA_VERSION_EVERY_MINUTES, 30, "UMBRA_VERSION_EVERY_MINUTES") * 60_000,
      perRoom: positive(env.UMBRA_ROOM_MAX_VERSIONS, 500, "UMBRA_ROOM_MAX_VERSIONS"),
      bytesPerRoom: positive(env.UMBRA_ROOM_MAX_VERSIONS_MB, 512, "UMBRA_ROOM_MAX_VERSIONS_MB") * 1024 * 1024,
    },
    checkDocumentUpdates: !flag(env.UMBRA_UNSAFE_SKIP_DOC_CHECK, "UMBRA_UNSAFE_SKIP_DOC_CHECK"),
    redisUrl: env.REDIS_URL?.trim() || undefined,
    exports: {
      dir: resolve(env.UMBRA_EXPORT_DIR?.trim() || join(env.UMBRA_DATA_DIR?.trim() || ".umbra", "exports")),
      budgetBytes: positive(env.UMBRA_EXPORT_BUDGET_MB, 5120, "UMBRA_EXPORT_BUDGET_MB") * 1024 * 1024,
      ffmpeg: env.UMBRA_FFMPEG?.trim() || undefined,
    },
  };
}
