import { z } from "zod";
import { DIRECTION_COUNT, latentRefSchema, latentVectorSchema } from "@umbra/latent";
import { frameMimeSchema, frameRecipeSchema, type FrameMime } from "./recipe-schema.js";
import { resultSchema, type ErrorInfo, type Result } from "./result.js";
import { binarySchema } from "./binary.js";
import { roomSchema } from "./http.js";
import { roleSchema } from "./roles.js";
import { modelInfoSchema } from "./models.js";
import type { DrawingChange, OkAck, Thread, ThreadAck, ThreadsBulkAck, ThreadsFetchAck, ThreadsLoadAck, ThreadsSearchAck } from "./comments.js";
import type { ExportAck, ExportJob, ExportsLoadAck } from "./exports.js";
import type { VersionsChanged, VersionAck, VersionDeleteAck, VersionStateAck, VersionsLoadAck } from "./versions.js";

/** Every socket.io event name, `noun:verb`, in one table. */
export const EVENTS = {
  roomJoin: "room:join",
  frameRequest: "frame:request",
  framesPrefetch: "frames:prefetch",
  frameReady: "frame:ready",
  frameFailed: "frame:failed",
  workersStatus: "workers:status",
  workerHello: "worker:hello",
  workerLoading: "worker:loading",
  framesRender: "frames:render",
  sessionRevoked: "session:revoked",
  sessionRole: "session:role",
  requestRefused: "request:refused",
  threadsLoad: "threads:load",
  threadsFetch: "threads:fetch",
  threadsBulk: "threads:bulk",
  threadsSearch: "threads:search",
  threadsChanged: "threads:changed",
  threadCreate: "thread:create",
  threadResolve: "thread:resolve",
  threadRead: "thread:read",
  threadUpdated: "thread:updated",
  commentAdd: "comment:add",
  commentEdit: "comment:edit",
  commentDelete: "comment:delete",
  reactionToggle: "reaction:toggle",
  drawingChange: "drawing:change",
  drawingChanged: "drawing:changed",
  roomRenamed: "room:renamed",
  exportsLoad: "exports:load",
  exportStart: "export:start",
  exportCancel: "export:cancel",
  exportUpdated: "export:updated",
  latentsMap: "latents:map",
  directionsLoad: "directions:load",
  directionsFind: "directions:find",
  versionsLoad: "versions:load",
  versionsChanged: "versions:changed",
  versionSave: "version:save",
  versionState: "version:state",
  versionRestore: "version:restore",
  versionDelete: "version:delete",
} as const;

/** socket.io namespaces: browsers, and render workers. */
export const NAMESPACES = { rooms: "/rooms", workers: "/workers" } as const;


export const backendInfoSchema = z.object({ name: z.string(), source: z.string(), detail: z.string() });
export type BackendInfoWire = z.infer<typeof backendInfoSchema>;


/** The most frames one render batch may hold, whatever a worker reports. */
export const MAX_BATCH = 64;

/** A snapshot a worker is loading now, and how far it got (0..1). */
export const snapshotLoadingSchema = z.object({ model: z.string().min(1).max(200), snapshot: z.string().min(1).max(200), progress: z.number().min(0).max(1) }).strict();
export type SnapshotLoading = z.infer<typeof snapshotLoadingSchema>;

export const workerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  backend: backendInfoSchema,
  models: z.array(modelInfoSchema),
  busy: z.boolean(),
  /** Frames per batch the hub sends it now: adapts up to the worker's reported capacity. */
  batchSize: z.number().int().positive(),
  /** Snapshots being loaded: the studio shows their progress. */
  loading: z.array(snapshotLoadingSchema),
});
export type WorkerSummary = z.infer<typeof workerSummarySchema>;

// ── browsers (/rooms) ──────────────────────────────────────────────────────────

export const roomJoinSchema = z.object({ roomId: z.string().min(1).max(100) }).strict();
export type RoomJoin = z.infer<typeof roomJoinSchema>;
export const roomJoinAckSchema = resultSchema({ room: roomSchema, workers: z.array(workerSummarySchema) });
export type RoomJoinAck = Result<{ room: z.infer<typeof roomSchema>; workers: WorkerSummary[] }>;

/** Who receives a requested frame: the whole room (the frame someone looks at, so whoever follows them has it), or only the one who asked (thumbnails, seed grids). */
export const FRAME_AUDIENCES = ["room", "me"] as const;
export const frameRequestSchema = z
  .object({ roomId: z.string().min(1).max(100), recipe: frameRecipeSchema, audience: z.enum(FRAME_AUDIENCES).default("room") })
  .strict();
export type FrameRequest = z.infer<typeof frameRequestSchema>;
export const frameRequestAckSchema = resultSchema({ hash: z.string() });
export type FrameRequestAck = Result<{ hash: string }>;

/** Frames ahead of a playhead, nearest first: they replace this connection's earlier prefetch and come only to it. */
export const PREFETCH_LIMIT = 64;
export const framesPrefetchSchema = z
  .object({ roomId: z.string().min(1).max(100), recipes: z.array(frameRecipeSchema).max(PREFETCH_LIMIT) })
  .strict();
export type FramesPrefetch = z.infer<typeof framesPrefetchSchema>;
export const framesPrefetchAckSchema = resultSchema({ hashes: z.array(z.string()) });
export type FramesPrefetchAck = Result<{ hashes: string[] }>;

/** A direction in w as it travels: unit vector (base64 float32) and the spread of w along it. */
export const latentDirectionWireSchema = z.object({ vector: latentVectorSchema, sigma: z.number().min(0).max(1e6) }).strict();
export type LatentDirectionWire = z.infer<typeof latentDirectionWireSchema>;

/** An editor asks for a latent's w and the room model's directions for a snapshot, to nudge a keyframe. */
export const directionsLoadSchema = z.object({ roomId: z.string().min(1).max(100), snapshot: z.string().min(1).max(200), latent: latentRefSchema }).strict();
export type DirectionsLoad = z.infer<typeof directionsLoadSchema>;
/** The latent's untruncated w and the directions, largest spread first. */
export const directionsLoadAckSchema = resultSchema({ w: latentVectorSchema, directions: z.array(latentDirectionWireSchema).length(DIRECTION_COUNT) });
export type DirectionsLoadAck = Result<{ w: string; directions: LatentDirectionWire[] }>;

/** A rendered frame, broadcast to everyone in the room; `bytes` travels as binary. */
export const frameReadySchema = z.object({
  roomId: z.string(),
  hash: z.string(),
  recipe: frameRecipeSchema,
  mime: frameMimeSchema,
  width: z.number().int(),
  height: z.number().int(),
  renderMs: z.number(),
  backend: backendInfoSchema,
  /** Sent to the whole room (a frame someone looks at), rather than a frame only its asker wanted. */
  shared: z.boolean(),
  bytes: binarySchema,
});
export type FrameReady = z.input<typeof frameReadySchema>;

export const frameFailedSchema = z.object({ roomId: z.string(), hash: z.string(), error: z.custom<ErrorInfo>() });
export type FrameFailed = z.infer<typeof frameFailedSchema>;

export const workersStatusSchema = z.object({ workers: z.array(workerSummarySchema) });
export type WorkersStatus = z.infer<typeof workersStatusSchema>;

export const roomRenamedSchema = z.object({ roomId: z.string(), name: z.string() }).strict();
export type RoomRenamed = z.infer<typeof roomRenamedSchema>;

/** Sent just before the server closes a socket whose access was taken away. */
export const sessionRevokedSchema = z.object({ code: z.literal("ACCESS_REVOKED"), message: z.string() });
export type SessionRevoked = z.infer<typeof sessionRevokedSchema>;

/** Sent when the owner changed your role in the room: this connection acts on the new role from now on. */
export const sessionRoleSchema = z.object({ role: roleSchema, message: z.string() }).strict();
export type SessionRole = z.infer<typeof sessionRoleSchema>;

/** Sent when an event that carries no acknowledgement was refused (rate or size limits). */
export const requestRefusedSchema = z.object({ event: z.string(), error: z.custom<ErrorInfo>() });
export type RequestRefused = z.infer<typeof requestRefusedSchema>;

/** socket.io handshake `auth` of browsers: the realtime token from POST /api/rooms/:id/token. */
export const roomHandshakeSchema = z.object({ token: z.string().min(1).max(4096) });
/** socket.io handshake `auth` of render workers: UMBRA_WORKER_SECRET. */
export const workerHandshakeSchema = z.object({ secret: z.string().max(1024).optional() });

export interface RoomServerToClientEvents {
  "frame:ready": (frame: FrameReady) => void;
  "session:revoked": (notice: SessionRevoked) => void;
  "session:role": (notice: SessionRole) => void;
  "request:refused": (notice: RequestRefused) => void;
  "frame:failed": (failure: FrameFailed) => void;
  "workers:status": (status: WorkersStatus) => void;
  /** A thread was created or changed (comments, status, reactions): the whole thread, drawing included. */
  "thread:updated": (thread: Thread) => void;
  /** Many notes changed at once (the owner resolved or deleted them): ask for what changed since. */
  "threads:changed": () => void;
  /** One drawing object put or deleted; the thread's other objects are untouched. */
  "drawing:changed": (change: DrawingChange) => void;
  /** The owner renamed the room: everyone in it sees the new name at once. */
  "room:renamed": (renamed: RoomRenamed) => void;
  /** An export was queued, moved on, finished, failed or was cancelled. */
  "export:updated": (job: ExportJob) => void;
  /** A version of the room was kept, or the owner deleted one (`deleted`): History lists change at once. */
  "versions:changed": (change: VersionsChanged) => void;
}
/** Payloads are `unknown` on purpose: the server validates them with the schemas above. */
export interface RoomClientToServerEvents {
  "room:join": (payload: unknown, ack: (result: RoomJoinAck) => void) => void;
  "frame:request": (payload: unknown, ack: (result: FrameRequestAck) => void) => void;
  "frames:prefetch": (payload: unknown, ack: (result: FramesPrefetchAck) => void) => void;
  "threads:load": (payload: unknown, ack: (result: ThreadsLoadAck) => void) => void;
  "threads:fetch": (payload: unknown, ack: (result: ThreadsFetchAck) => void) => void;
  "threads:bulk": (payload: unknown, ack: (result: ThreadsBulkAck) => void) => void;
  "threads:search": (payload: unknown, ack: (result: ThreadsSearchAck) => void) => void;
  "thread:create": (payload: unknown, ack: (result: ThreadAck) => void) => void;
  "thread:resolve": (payload: unknown, ack: (result: ThreadAck) => void) => void;
  "thread:read": (payload: unknown, ack: (result: OkAck) => void) => void;
  "comment:add": (payload: unknown, ack: (result: ThreadAck) => void) => void;
  "comment:edit": (payload: unknown, ack: (result: ThreadAck) => void) => void;
  "comment:delete": (payload: unknown, ack: (result: ThreadAck) => void) => void;
  "reaction:toggle": (payload: unknown, ack: (result: ThreadAck) => void) => void;
  "drawing:change": (payload: unknown, ack: (result: OkAck) => void) => void;
  "exports:load": (payload: unknown, ack: (result: ExportsLoadAck) => void) => void;
  "export:start": (payload: unknown, ack: (result: ExportAck) => void) => void;
  "export:cancel": (payload: unknown, ack: (result: ExportAck) => void) => void;
  "directions:load": (payload: unknown, ack: (result: DirectionsLoadAck) => void) => void;
  "versions:load": (payload: unknown, ack: (result: VersionsLoadAck) => void) => void;
  "version:save": (payload: unknown, ack: (result: VersionAck) => void) => void;
  "version:state": (payload: unknown, ack: (result: VersionStateAck) => void) => void;
  "version:restore": (payload: unknown, ack: (result: VersionAck) => void) => void;
  "version:delete": (payload: unknown, ack: (result: VersionDeleteAck) => void) => void;
}

// ── workers (/workers) ─────────────────────────────────────────────────────────

export const workerHelloSchema = z
  .object({
    name: z.string().min(1).max(100),
    backend: backendInfoSchema,
    models: z.array(modelInfoSchema).min(1),
    /** The largest batch this worker renders well (its memory, its backend). */
    maxBatch: z.number().int().min(1).max(MAX_BATCH),
  })
  .strict();
export type WorkerHello = z.infer<typeof workerHelloSchema>;
export const workerHelloAckSchema = resultSchema({ workerId: z.string() });
export type WorkerHelloAck = Result<{ workerId: string }>;

/**
 * A batch of frames for one worker; it answers with one result per job, in order.
 * `urgent`: someone is waiting to see these now (a preview), so the worker renders
 * them before what is left of any prefetch batch it holds.
 */
export const framesRenderSchema = z
  .object({ jobs: z.array(z.object({ jobId: z.string(), recipe: frameRecipeSchema }).strict()).min(1).max(MAX_BATCH), urgent: z.boolean().optional() })
  .strict();
export type FramesRender = z.infer<typeof framesRenderSchema>;
export const renderedFrameSchema = resultSchema({
  mime: frameMimeSchema,
  width: z.number().int(),
  height: z.number().int(),
  renderMs: z.number(),
  bytes: binarySchema,
});
export type RenderedFrame = Result<{ mime: FrameMime; width: number; height: number; renderMs: number; bytes: Uint8Array }>;
export const framesRenderResultSchema = resultSchema({ frames: z.array(renderedFrameSchema) });
export type FramesRenderResult = Result<{ frames: RenderedFrame[] }>;

/** The w (after truncation) of each recipe's latent, for models with a mapping network: per-frame w exports. */
export const latentsMapSchema = z
  .object({ recipes: z.array(frameRecipeSchema).min(1).max(MAX_BATCH) })
  .strict()
  .refine((m) => m.recipes.every((r) => r.model === m.recipes[0]!.model && r.snapshot === m.recipes[0]!.snapshot), { message: "one model and snapshot per batch" });
export type LatentsMap = z.infer<typeof latentsMapSchema>;
/** Each w as base64 little-endian float32, in the order asked. */
export const latentsMapResultSchema = resultSchema({ w: z.array(z.string().max(4 * 16384 * 2)) });
export type LatentsMapResult = Result<{ w: string[] }>;

/** The top principal directions of a model snapshot's w (GANSpace). */
export const directionsFindSchema = z.object({ model: z.string().min(1).max(200), snapshot: z.string().min(1).max(200) }).strict();
export type DirectionsFind = z.infer<typeof directionsFindSchema>;
export const directionsFindResultSchema = resultSchema({ directions: z.array(latentDirectionWireSchema).length(DIRECTION_COUNT) });
export type DirectionsFindResult = Result<{ directions: LatentDirectionWire[] }>;

export interface WorkerServerToClientEvents {
  "frames:render": (batch: FramesRender, ack: (result: FramesRenderResult) => void) => void;
  "latents:map": (batch: LatentsMap, ack: (result: LatentsMapResult) => void) => void;
  "directions:find": (request: DirectionsFind, ack: (result: DirectionsFindResult) => void) => void;
}
/** A worker's news about one snapshot: loading (with progress), or done (loaded or failed). */
export const workerLoadingSchema = z.union([snapshotLoadingSchema, z.object({ model: z.string().min(1).max(200), snapshot: z.string().min(1).max(200), done: z.literal(true) }).strict()]);
export type WorkerLoading = z.infer<typeof workerLoadingSchema>;

export interface WorkerClientToServerEvents {
  "worker:hello": (payload: unknown, ack: (result: WorkerHelloAck) => void) => void;
  "worker:loading": (payload: unknown) => void;
}
