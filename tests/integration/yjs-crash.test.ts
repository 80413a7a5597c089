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
  // "Received 2 s before the kill" is a bound on commit latency (about 10 ms here), with room for a machine a hundred times slower.
  it("keeps every update received 2 s before the kill; the writer's later edits resync", async () => {
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

      const sentAt = new Map<number, number>();
      let seed = 0;
      const edit = () => {
        room.addKeyframe(chain, { seed });
        sentAt.set(seed, performance.now());
        seed++;
      };
      const ticker = setInterval(edit, 4);
      await new Promise((r) => setTimeout(r, 3500));
      const killedAt = performance.now();
      await server.kill();
      writer.provider.disconnect();
      // The writer keeps working offline for a while.
      await new Promise((r) => setTimeout(r, 200));
      clearInterval(ticker);
      const all = [...sentAt.keys()];
      const durable = all.filter((s) => sentAt.get(s)! <= killedAt - 2000);
      expect(durable.length).toBeGreaterThan(50);

      server = await startCollabProcess(scratch, port);
      const reader = connectDoc(url, roomId, token);
      await reader.synced;
      const stored = new Set(new RoomDoc(reader.doc).chain(chain)!.keyframes.map((k) => ("seed" in k.latent ? k.latent.seed : -1)));
      expect(durable.filter((s) => !stored.has(s))).toEqual([]);

      writer.provider.connect();
      await eventually(() => new RoomDoc(reader.doc).chain(chain)!.keyframes.length === all.length, "the writer's later edits reach the reader", 30_000);
      writer.destroy();
      reader.destroy();
    } finally {
      await server.stop();
      await scratch.dispose();
    }
  });
});
