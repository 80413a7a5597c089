// Kill -9 the real collab-server process mid-edit: every update it received at
// least 200 ms before the kill is stored, and the client's later edits resync.
import { describe, expect, it } from "vitest";
import { createScratchTarget, scratchKinds } from "@umbra/db/testing";
import { RoomDoc } from "@umbra/doc";
import { ApiClient } from "../support/api.js";
import { startCollabProcess } from "../support/collab-process.js";
import { freePort } from "../support/web-server.js";
import { connectDoc, eventually } from "../support/yjs-client.js";

describe.each(scratchKinds())("a collab-server killed with SIGKILL, on %s", (kind) => {
  // Durability, not speed: whatever the server had committed when the kill came is there after the restart.
  // (How soon updates commit is yjs_persist_ms_p99 in the bench.)
  it("keeps every update it had committed before the kill; the writer's later edits resync", async () => {
    const scratch = await createScratchTarget(kind);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let server = await startCollabProcess(scratch, port);
    try {
      const api = new ApiClient(url);
      const roomId = (await api.createRoom("Crash")).id;
      const token = await api.realtimeToken(roomId);
      const writer = connectDoc(url, roomId, token);
      await writer.synced;
      const room = new RoomDoc(writer.doc);
      const chain = room.addChain({ name: "Under fire" });
      const committed = async () => ((await api.expect(200, "GET", "/metrics")) as { yjs: { persistMs: { count: number } } }).yjs.persistMs.count;
      // The chain is stored before the keyframes start: from here on, each commit is one keyframe.
      await expect.poll(committed).toBe(1);

      let seed = 0;
      const ticker = setInterval(() => room.addKeyframe(chain, { seed: seed++ }), 4);
      // Until a good number has been committed, however slow the machine; then kill it mid-stream.
      await expect.poll(committed, { timeout: 60_000 }).toBeGreaterThan(100);
      const committedKeyframes = (await committed()) - 1;
      await server.kill();
      const logged = server.output();
      writer.provider.disconnect();
      // The writer keeps working offline for a while.
      await new Promise((r) => setTimeout(r, 200));
      clearInterval(ticker);

      server = await startCollabProcess(scratch, port);
      const reader = connectDoc(url, roomId, token);
      await reader.synced;
      const stored = new RoomDoc(reader.doc).chain(chain)!.keyframes.length;
      // Batches may commit in any order, so it is a count: at least every keyframe committed before the kill.
      expect(stored, `${committedKeyframes} keyframes were committed before the kill, ${stored} are stored; the server logged:\n${logged.slice(-2000)}`).toBeGreaterThanOrEqual(committedKeyframes);
      const all = seed;

      writer.provider.connect();
      await eventually(() => new RoomDoc(reader.doc).chain(chain)!.keyframes.length === all, "the writer's later edits reach the reader", 30_000);
      writer.destroy();
      reader.destroy();
    } finally {
      await server.stop();
      await scratch.dispose();
    }
  });
});
