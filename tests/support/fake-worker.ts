// A scripted render worker for dispatch tests: it speaks the real /workers protocol,
// records every batch it is sent, and answers after a set time per frame (or never),
// so tests can see how the hub batches, spreads and re-sends work.
import { io, type Socket } from "socket.io-client";
import { recipeHash, type FrameRecipe } from "@umbra/latent";
import { EVENTS, NAMESPACES, type FramesRender, type FramesRenderResult } from "@umbra/protocol";
import { TEST_WORKER_SECRET } from "./stack.js";

export interface FakeWorkerOptions {
  name: string;
  maxBatch: number;
  /** Time to "render" each frame; a batch is answered after frames × this. */
  msPerFrame: number;
  /** Never answer: a worker that hangs. */
  silent?: boolean;
}

export interface FakeWorker {
  socket: Socket;
  /** Recipe hashes of every batch received, in order. */
  batches: string[][];
  /** Resolves with the next batch this worker receives. */
  nextBatch(): Promise<string[]>;
  close(): void;
}

export async function startFakeWorker(hubUrl: string, options: FakeWorkerOptions): Promise<FakeWorker> {
  const socket = io(new URL(NAMESPACES.workers, hubUrl).toString(), {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    auth: { secret: TEST_WORKER_SECRET },
  });
  const batches: string[][] = [];
  const waiting: ((hashes: string[]) => void)[] = [];
  socket.on(EVENTS.framesRender, (batch: FramesRender, ack: (result: FramesRenderResult) => void) => {
    const hashes = batch.jobs.map((job) => recipeHash(job.recipe as FrameRecipe));
    batches.push(hashes);
    for (const resolve of waiting.splice(0)) resolve(hashes);
    if (options.silent) return;
    setTimeout(() => {
      ack({
        ok: true,
        frames: hashes.map((hash) => ({ ok: true, mime: "image/jpeg", width: 16, height: 16, renderMs: options.msPerFrame, bytes: new TextEncoder().encode(`${options.name}:${hash}`) })),
      });
    }, options.msPerFrame * hashes.length);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  await new Promise((resolve) =>
    socket.emit(
      EVENTS.workerHello,
      {
        name: options.name,
        backend: { name: "cpu", source: "test", detail: options.silent ? "never answers" : `${options.msPerFrame} ms a frame` },
        models: [{ id: "builtin/cppn", latentSize: 512, snapshots: ["default"] }],
        maxBatch: options.maxBatch,
      },
      resolve,
    ),
  );
  return {
    socket,
    batches,
    nextBatch: () => new Promise((resolve) => waiting.push(resolve)),
    close: () => socket.close(),
  };
}
