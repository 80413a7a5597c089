// A worker that leaves mid-job: its frame goes to another worker, or fails at once
// with a clear error when there is none. Never a hang until the timeout.
import { describe, expect, it } from "vitest";
import { recipeHash, seedFrameRecipe } from "@umbra/latent";
import { chooseBackend, connectWorker, ModelRegistry } from "@umbra/gan-worker";
import { EVENTS, type FrameFailed, type FrameReady, type FrameRequestAck, type RoomJoinAck } from "@umbra/protocol";
import { startFakeWorker } from "../support/fake-worker.js";
import { TEST_WORKER_SECRET, connectRoomSocket, startStack, type RoomSocket } from "../support/stack.js";

const silentWorker = async (hubUrl: string, name: string) => {
  const worker = await startFakeWorker(hubUrl, { name, maxBatch: 1, msPerFrame: 0, silent: true });
  return { socket: worker.socket, job: worker.nextBatch() };
};

const recipe = (seed: number) => seedFrameRecipe("builtin/cppn", seed);

describe("a worker leaving mid-job", () => {
  it("hands its frame to another worker, or fails it at once when there is none", async () => {
    const stack = await startStack({ kind: "pglite", withWorker: false, open: true });
    const health = async () => (await stack.api.expect(200, "GET", "/healthz")).workers as number;
    let room: RoomSocket | undefined;
    try {
      const { id: roomId } = await stack.api.createRoom("Failover");
      room = await connectRoomSocket(stack.collab.url, await stack.api.realtimeToken(roomId));
      await new Promise<RoomJoinAck>((resolve) => room!.emit(EVENTS.roomJoin, { roomId }, resolve));
      const ask = (seed: number) => new Promise<FrameRequestAck>((resolve) => room!.emit(EVENTS.frameRequest, { roomId, recipe: recipe(seed) }, resolve));

      // The silent worker takes the job; a real worker joins; the silent one leaves.
      const silent = await silentWorker(stack.collab.url, "silent");
      expect(await ask(31)).toEqual({ ok: true, hash: recipeHash(recipe(31)) });
      await silent.job;
      const backend = await chooseBackend("wasm", () => {});
      const registry = new ModelRegistry();
      await registry.warmUp();
      const real = connectWorker({ hubUrl: stack.collab.url, secret: TEST_WORKER_SECRET, name: "real", backend, registry, log: () => {} });
      await real.ready;
      const arrived = new Promise<FrameReady>((resolve) => room!.on(EVENTS.frameReady, resolve));
      silent.socket.close();
      expect((await arrived).hash).toBe(recipeHash(recipe(31)));

      // Now the real worker leaves, and a second silent worker is the only one left.
      const lonely = await silentWorker(stack.collab.url, "lonely");
      real.close();
      await expect.poll(health).toBe(1);
      await ask(32);
      await lonely.job;
      const failed = new Promise<FrameFailed>((resolve) => room!.on(EVENTS.frameFailed, resolve));
      lonely.socket.close();
      const failure = await failed;
      // The message says why: the disconnect, not the 10 s render timeout.
      expect(failure).toMatchObject({ hash: recipeHash(recipe(32)), error: { code: "RENDER_FAILED", message: expect.stringMatching(/disconnected while rendering, and no other worker/) } });
    } finally {
      room?.close();
      await stack.close();
    }
  });
});
