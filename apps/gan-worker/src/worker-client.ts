import { io, type Socket } from "socket.io-client";
import {
  EVENTS,
  NAMESPACES,
  failure,
  validate,
  framesRenderSchema,
  latentsMapSchema,
  directionsFindSchema,
  type RenderedFrame,
  type WorkerClientToServerEvents,
  type WorkerServerToClientEvents,
} from "@umbra/protocol";
import { defaultMaxBatch, type BackendInfo } from "./backend.js";
import { encodeLatentBase64 } from "@umbra/latent";
import { generateBatch } from "./frame-renderer.js";
import { RenderScheduler } from "./render-scheduler.js";
import type { Generator } from "./generator.js";
import type { ModelRegistry } from "./model-registry.js";

export interface WorkerClientOptions {
  hubUrl: string;
  /** UMBRA_WORKER_SECRET; the hub refuses workers without the right one when it has one. */
  secret: string | undefined;
  name: string;
  backend: BackendInfo;
  registry: ModelRegistry;
  /** The largest batch of frames the hub may send at once; the backend's default when absent. */
  maxBatch?: number;
  log: (line: string) => void;
}

/** Connects to the hub's worker namespace, says hello, and renders what it is sent. */
export function connectWorker(options: WorkerClientOptions): { socket: Socket; ready: Promise<string>; close(): void } {
  const { hubUrl, secret, name, backend, registry, log } = options;
  const maxBatch = options.maxBatch ?? defaultMaxBatch(backend);
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
    socket.emit(EVENTS.workerHello, { name, backend, models: registry.describe(), maxBatch }, (ack) => {
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

  // Snapshot loading progress goes to the hub, which shows it in every room.
  const stopLoadingNews = registry.loading.on((news) => socket.emit(EVENTS.workerLoading, news));

  const renderFailure = (error: unknown) => failure("RENDER_FAILED", error instanceof Error ? error.message : String(error));
  /** The generator of a model, or the failure to answer with. */
  const generatorOf = (model: string): Generator | ReturnType<typeof failure> => {
    try {
      return registry.get(model);
    } catch (error) {
      return renderFailure(error);
    }
  };

  const scheduler = new RenderScheduler((recipes) => generateBatch(registry, recipes));
  socket.on(EVENTS.framesRender, (payload, ack) => {
    const batch = validate(framesRenderSchema, payload, "frames:render batch");
    if (!batch.ok) {
      ack(batch);
      return;
    }
    const { jobs, urgent = false } = batch.value;
    scheduler.run(jobs.map((j) => j.recipe), urgent).then(
      (outcomes) =>
        ack({
          ok: true,
          frames: outcomes.map((outcome, i): RenderedFrame => {
            if (outcome.ok) return { ok: true, ...outcome.frame };
            log(`worker: job ${jobs[i]!.jobId} failed: ${outcome.error.message}`);
            return renderFailure(outcome.error);
          }),
        }),
      (error: unknown) => {
        // generateBatch answers per frame; reaching here is a bug in it, reported to the hub as such.
        const message = error instanceof Error ? error.message : String(error);
        log(`worker: a batch of ${jobs.length} failed: ${message}`);
        ack(failure("INTERNAL", `the worker failed a whole batch: ${message}`));
      },
    );
  });

  socket.on(EVENTS.latentsMap, (payload, ack) => {
    const batch = validate(latentsMapSchema, payload, "latents:map batch");
    if (!batch.ok) return ack(batch);
    const { recipes } = batch.value;
    const generator = generatorOf(recipes[0]!.model);
    if ("ok" in generator) return ack(generator);
    if (!generator.mapLatents) return ack(failure("RENDER_FAILED", `the model ${generator.id} has no mapping network, so its frames have no w`));
    generator.mapLatents(recipes).then((ws) => ack({ ok: true, w: ws.map(encodeLatentBase64) }), (error: unknown) => ack(renderFailure(error)));
  });

  socket.on(EVENTS.directionsFind, (payload, ack) => {
    const request = validate(directionsFindSchema, payload, "directions:find");
    if (!request.ok) return ack(request);
    const generator = generatorOf(request.value.model);
    if ("ok" in generator) return ack(generator);
    if (!generator.latentDirections) return ack(failure("RENDER_FAILED", `the model ${generator.id} has no mapping network, so it offers no directions in w`));
    generator.latentDirections(request.value.snapshot).then(
      (directions) => ack({ ok: true, directions: directions.map((d) => ({ vector: encodeLatentBase64(d.vector), sigma: d.sigma })) }),
      (error: unknown) => ack(renderFailure(error)),
    );
  });

  return {
    socket,
    ready,
    close: () => {
      stopLoadingNews();
      socket.close();
    },
  };
}
