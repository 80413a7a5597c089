import { createHash, randomUUID, timingSafeEqual } from "node:crypto";
import type { Namespace } from "socket.io";
import { EVENTS, validate, workerHandshakeSchema, workerHelloSchema, workerLoadingSchema, type WorkerClientToServerEvents, type WorkerServerToClientEvents } from "@umbra/protocol";
import type { FrameHub } from "./frame-hub.js";
import type { ConnectedWorker, WorkerPool } from "./worker-pool.js";

function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * /workers: render workers present UMBRA_WORKER_SECRET in the handshake, say hello
 * with their backend and models, then take jobs. With no secret configured
 * (development only; production refuses to start) any worker is let in.
 */
export function serveWorkerNamespace(
  nsp: Namespace<WorkerClientToServerEvents, WorkerServerToClientEvents>,
  pool: WorkerPool,
  hub: FrameHub,
  workerSecret: string | undefined,
  log: (line: string) => void,
): void {
  nsp.use((socket, next) => {
    if (workerSecret === undefined) return next();
    const handshake = workerHandshakeSchema.safeParse(socket.handshake.auth);
    const given = handshake.success ? handshake.data.secret : undefined;
    if (given !== undefined && sameSecret(given, workerSecret)) return next();
    log(`hub: refused a worker from ${socket.handshake.address}: ${given === undefined ? "no" : "wrong"} worker secret`);
    next(Object.assign(new Error("this worker's UMBRA_WORKER_SECRET does not match the hub's"), { data: { code: "UNAUTHORIZED" } }));
  });

  nsp.on("connection", (socket) => {
    let registered: ConnectedWorker | undefined;
    socket.on(EVENTS.workerHello, (payload, ack) => {
      if (typeof ack !== "function") return;
      const hello = validate(workerHelloSchema, payload, "worker:hello");
      if (!hello.ok) {
        ack(hello);
        return;
      }
      if (registered) {
        pool.remove(registered.id);
        hub.workerLeft(registered);
      }
      registered = pool.add(randomUUID(), hello.value, socket);
      log(`hub: worker ${hello.value.name} joined, rendering on ${hello.value.backend.name} (${hello.value.backend.detail}), batches up to ${hello.value.maxBatch}`);
      ack({ ok: true, workerId: registered.id });
    });
    socket.on(EVENTS.workerLoading, (payload) => {
      const news = validate(workerLoadingSchema, payload, "worker:loading");
      if (!registered) return;
      if (news.ok) pool.loadingChanged(registered, news.value);
      else log(`hub: worker ${registered.hello.name} sent malformed loading news: ${news.error.message}`);
    });
    socket.on("disconnect", (reason) => {
      if (!registered) return;
      log(`hub: worker ${registered.hello.name} left (${reason})`);
      pool.remove(registered.id);
      hub.workerLeft(registered);
    });
  });
}
