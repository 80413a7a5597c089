// Two collab-servers in their own processes on one Postgres, kept in step through Redis:
// Yjs fan-out with 100 editors spread over both, and how long a frame requested on
// one server (from its cache) takes to reach a viewer in the room on the other.
import { createScratchTarget } from "@umbra/db/testing";
import { recipeHash, seedFrameRecipe } from "@umbra/latent";
import { EVENTS, type FrameReady, type FrameRequestAck } from "@umbra/protocol";
import { ApiClient } from "../tests/support/api.js";
import { startCollabProcess } from "../tests/support/collab-process.js";
import { connectRoomSocket, emitWithAck, type RoomSocket } from "../tests/support/stack.js";
import { freePort } from "../tests/support/web-server.js";
import { startWorkerProcess } from "../tests/support/worker-process.js";
import { percentile } from "./bench-results.js";
import { runEditors } from "./yjs-fanout.js";

export const CLUSTER_EDITORS = 100;
/** Frames timed from one server to the other. */
const CROSS_FRAMES = 20;

export interface ClusterFigures {
  fanoutP50: number;
  fanoutP99: number;
  /** The same, counting only the stock editors, until applied. */
  appliedP99: number;
  receipts: number;
  /** The same 100 editors all on one of the servers, in the same run. */
  oneServerP99: number;
  crossFrameP50: number;
}

export async function measureCluster(redisUrl: string, seconds = 10): Promise<ClusterFigures> {
  const scratch = await createScratchTarget("postgres");
  const [portA, portB] = [await freePort(), await freePort()];
  const env = { REDIS_URL: redisUrl };
  const a = await startCollabProcess(scratch, portA, env);
  const b = await startCollabProcess(scratch, portB, env);
  const [urlA, urlB] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
  const worker = await startWorkerProcess(urlA);
  const sockets: RoomSocket[] = [];
  try {
    const api = new ApiClient(urlA);
    const roomId = (await api.createRoom("cluster bench")).id;
    const token = await api.realtimeToken(roomId);
    const oneServer = await runEditors([urlA], roomId, token, seconds, CLUSTER_EDITORS);
    const { latencies, applied } = await runEditors([urlA, urlB], roomId, token, seconds, CLUSTER_EDITORS);

    const join = async (url: string) => {
      const socket = await connectRoomSocket(url, token);
      sockets.push(socket);
      await emitWithAck(socket, EVENTS.roomJoin, { roomId });
      return socket;
    };
    const [onA, onB] = [await join(urlA), await join(urlB)];
    const heard = (socket: RoomSocket, hash: string) => new Promise<void>((resolve) => socket.on(EVENTS.frameReady, (frame: FrameReady) => frame.hash === hash && resolve()));
    const recipes = Array.from({ length: CROSS_FRAMES }, (_, i) => seedFrameRecipe("builtin/cppn", 9000 + i, { width: 256, height: 256 }));
    // Rendered once first (A's worker), so each timed request is answered from A's cache.
    for (const recipe of recipes) {
      const rendered = heard(onA, recipeHash(recipe));
      await emitWithAck<FrameRequestAck>(onA, EVENTS.frameRequest, { roomId, recipe, audience: "me" });
      await rendered;
    }
    const crossMs: number[] = [];
    for (const recipe of recipes) {
      const arrived = heard(onB, recipeHash(recipe));
      const started = performance.now();
      await emitWithAck<FrameRequestAck>(onA, EVENTS.frameRequest, { roomId, recipe });
      await arrived;
      crossMs.push(performance.now() - started);
    }
    return {
      fanoutP50: percentile(latencies, 50),
      fanoutP99: percentile(latencies, 99),
      appliedP99: percentile(applied, 99),
      receipts: latencies.length,
      oneServerP99: percentile(oneServer.latencies, 99),
      crossFrameP50: percentile(crossMs, 50),
    };
  } finally {
    for (const socket of sockets) socket.close();
    await worker.stop();
    await b.stop();
    await a.stop();
    await scratch.dispose();
  }
}

/** The Redis the cluster figures use: TEST_REDIS_URL, else one answering on loopback as .ci/run finds it; null, saying why, when none. */
export async function benchRedis(log: (line: string) => void): Promise<string | null> {
  if (process.env.TEST_REDIS_URL) return process.env.TEST_REDIS_URL;
  const { createConnection } = await import("node:net");
  const answers = await new Promise<boolean>((resolve) => {
    const probe = createConnection({ host: "127.0.0.1", port: 6379 });
    probe.setTimeout(2000);
    probe.once("connect", () => (probe.destroy(), resolve(true)));
    probe.once("error", () => resolve(false));
    probe.once("timeout", () => (probe.destroy(), resolve(false)));
  });
  if (!answers) log("cluster: no Redis at 127.0.0.1:6379 (set TEST_REDIS_URL to use one); the two-server figures are skipped");
  return answers ? "redis://127.0.0.1:6379" : null;
}
