import { io, type Socket } from "socket.io-client";
import {
  EVENTS,
  NAMESPACES,
  failure,
  validate,
  frameRenderSchema,
  type FrameRenderResult,
  type WorkerClientToServerEvents,
  type WorkerServerToClientEvents,
} from "@umbra/protocol";
import type { BackendInfo } from "./backend.js";
import { renderFrame } from "./frame-renderer.js";
import type { ModelRegistry } from "./model-registry.js";

export interface WorkerClientOptions {
  hubUrl: string;
  /** UMBRA_WORKER_SECRET; the hub refuses workers without the right one when it has one. */
  secret: string | undefined;
  name: string;
  backend: BackendInfo;
  registry: ModelRegistry;
  log: (line: string) => void;
}

/** Connects to the hub's worker namespace, says hello, and renders what it is sent. */
export function connectWorker(options: WorkerClientOptions): { socket: Socket; ready: Promise<string>; close(): void } {
  const { hubUrl, secret, name, backend, registry, log } = options;
  const socket: Socket<WorkerServerToClientEvents, WorkerClientToServerEvents> = io(new URL(NAMESPACES.workers, hubUrl).toString(), {
    transports: ["websocket"],
    reconnectionDelayMax: 2000,
    auth: secret === undefined ? {} : { secret },
  });
  let resolveReady: (id: string) => void;
  let rejectReady: (error: Error) => void;
  const ready = new Promise<string>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });

  socket.on("connect", () => {
    socket.emit(EVENTS.workerHello, { name, backend, models: registry.describe() }, (ack) => {
      if (ack.ok) {
        log(`worker: registered with ${hubUrl} as ${ack.workerId} (${backend.name}, ${backend.detail})`);
        resolveReady(ack.workerId);
      } else {
        log(`worker: the hub refused registration: ${ack.error.message}`);
        rejectReady(new Error(ack.error.message));
      }
    });
  });
  socket.on("disconnect", (reason) => {
    // "io client disconnect" is our own close(); anything else reconnects by itself.
    if (reason !== "io client disconnect") log(`worker: disconnected from hub (${reason}); reconnecting`);
  });
  socket.on("connect_error", (error) => {
    // An inactive socket was refused by the hub's middleware (wrong secret) and will not retry.
    if (socket.active) log(`worker: cannot reach hub at ${hubUrl}: ${error.message}`);
    else {
      log(`worker: the hub refused this worker: ${error.message}`);
      rejectReady(error);
    }
  });

  socket.on(EVENTS.frameRender, (payload, ack) => {
    const job = validate(frameRenderSchema, payload, "frame:render job");
    if (!job.ok) {
      ack(job);
      return;
    }
    renderFrame(registry, job.value.recipe).then(
      (frame): void => ack({ ok: true, mime: "image/jpeg", ...frame } satisfies FrameRenderResult),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        log(`worker: job ${job.value.jobId} failed: ${message}`);
        ack(failure("RENDER_FAILED", message));
      },
    );
  });

  return { socket, ready, close: () => socket.close() };
}
