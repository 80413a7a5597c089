import { randomUUID } from "node:crypto";
import type { Namespace } from "socket.io";
import { EVENTS, validate, workerHelloSchema, type WorkerClientToServerEvents, type WorkerServerToClientEvents } from "@umbra/protocol";
import type { FrameHub } from "./frame-hub.js";
import type { ConnectedWorker, WorkerPool } from "./worker-pool.js";

/** /workers: render workers say hello with their backend and models, then take jobs. */
export function serveWorkerNamespace(
  nsp: Namespace<WorkerClientToServerEvents, WorkerServerToClientEvents>,
  pool: WorkerPool,
  hub: FrameHub,
  log: (line: string) => void,
): void {
  nsp.on("connection", (socket) => {
    let registered: ConnectedWorker | undefined;
    socket.on(EVENTS.workerHello, (payload, ack) => {
      if (typeof ack !== "function") return;
      const hello = validate(workerHelloSchema, payload, "worker:hello");
      if (!hello.ok) {
        ack(hello);
        return;
      }
      if (registered) pool.remove(registered.id);
      registered = { id: randomUUID(), hello: hello.value, socket, inFlight: 0 };
      pool.add(registered);
      log(`hub: worker ${hello.value.name} joined, rendering on ${hello.value.backend.name} (${hello.value.backend.detail})`);
      ack({ ok: true, workerId: registered.id });
    });
    socket.on("disconnect", (reason) => {
      if (!registered) return;
      log(`hub: worker ${registered.hello.name} left (${reason})`);
      pool.remove(registered.id);
      hub.workerLeft(registered);
    });
  });
}
