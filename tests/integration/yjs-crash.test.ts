// Kill -9 the real collab-server process mid-edit: every update it received at
// least 200 ms before the kill is stored, and the client's later edits resync.
import { spawn, type ChildProcess } from "node:child_process";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createScratchTarget, scratchKinds, type ScratchTarget } from "@umbra/db/testing";
import { RoomDoc } from "@umbra/doc";
import { ApiClient } from "../support/api.js";
import { TEST_WORKER_SECRET } from "../support/stack.js";
import { freePort } from "../support/web-server.js";
import { connectDoc, eventually } from "../support/yjs-client.js";

const mainJs = fileURLToPath(new URL("../../apps/collab-server/dist/main.js", import.meta.url));

async function startServer(scratch: ScratchTarget, port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, [mainJs], {
    env: {
      ...env,
      COLLAB_PORT: String(port),
      UMBRA_HOST: "127.0.0.1",
      UMBRA_OPEN: "1",
      // Tokens must outlive the restart, as they would with a configured secret.
      UMBRA_TOKEN_SECRET: "crash-test-token-secret-0123456789abcdef",
      UMBRA_WORKER_SECRET: TEST_WORKER_SECRET,
      UMBRA_MAX_MESSAGES_PER_SECOND: "10000",
      ...(scratch.target.kind === "postgres" ? { DATABASE_URL: scratch.target.url } : { UMBRA_DATA_DIR: dirname(scratch.target.dataDir) }),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`collab-server exited with ${child.exitCode}:\n${output}`);
    if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`collab-server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => output };
}

describe.each(scratchKinds())("a collab-server killed with SIGKILL, on %s", (kind) => {
  it("keeps every update received 200 ms before the kill; the writer's later edits resync", async () => {
    const scratch = await createScratchTarget(kind);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let server = await startServer(scratch, port);
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
      await new Promise((r) => setTimeout(r, 1500));
      server.child.kill("SIGKILL");
      const killedAt = performance.now();
      await new Promise((r) => server.child.once("exit", r));
      writer.provider.disconnect();
      // The writer keeps working offline for a while.
      await new Promise((r) => setTimeout(r, 200));
      clearInterval(ticker);
      const all = [...sentAt.keys()];
      const durable = all.filter((s) => sentAt.get(s)! <= killedAt - 200);
      expect(durable.length).toBeGreaterThan(100);

      server = await startServer(scratch, port);
      const reader = connectDoc(url, roomId, token);
      await reader.synced;
      const stored = new Set(new RoomDoc(reader.doc).chain(chain)!.keyframes.map((k) => ("seed" in k.latent ? k.latent.seed : -1)));
      expect(durable.filter((s) => !stored.has(s))).toEqual([]);

      writer.provider.connect();
      await eventually(() => new RoomDoc(reader.doc).chain(chain)!.keyframes.length === all.length, "the writer's later edits reach the reader", 10_000);
      writer.destroy();
      reader.destroy();
    } finally {
      server.child.kill("SIGTERM");
      await new Promise((r) => (server.child.exitCode !== null ? r(null) : server.child.once("exit", r)));
      await scratch.dispose();
    }
  });
});
