// Losing one of two collab-servers: A is killed with SIGKILL in the middle of a seeded
// editing fuzz with clients on both. A's clients, behind a load balancer, reconnect to
// B by themselves and their offline edits merge; every update A had committed is
// there; frames in flight settle (rendered once the worker has moved to B, or failed
// with a reason); A's running export fails on B with the reason; and what B stored,
// read by a lone server from the database, is the document everyone converged on.
// Runs where TEST_DATABASE_URL and TEST_REDIS_URL name servers on loopback (CI sets both).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { SeededRandom, recipeHash, seedFrameRecipe } from "@umbra/latent";
import { RoomDoc } from "@umbra/doc";
import { randomCommand } from "@umbra/doc/testing";
import { blockInserts, createScratchTarget } from "@umbra/db/testing";
import { EVENTS, type ExportJob, type FrameFailed, type FrameReady, type FrameRequestAck, type RoomJoinAck } from "@umbra/protocol";
import { ApiClient } from "../support/api.js";
import type { ChildService } from "../support/child-service.js";
import { startCollabProcess } from "../support/collab-process.js";
import { startFailoverProxy } from "../support/failover-proxy.js";
import { emitWithAck, joinedRoomSocket, type RoomSocket } from "../support/stack.js";
import { freePort } from "../support/web-server.js";
import { startWorkerProcess } from "../support/worker-process.js";
import { connectDoc, eventually, type DocClient } from "../support/yjs-client.js";

const redisUrl = process.env.TEST_REDIS_URL;
const postgres = Boolean(process.env.TEST_DATABASE_URL);

const contentOf = (doc: Y.Doc) => JSON.stringify(new RoomDoc(doc).chains());

describe.skipIf(!redisUrl || !postgres)("losing one of two collab-servers", () => {
  it("SIGKILL of A mid-edit: its clients move to B and merge, nothing A committed is lost, frames and exports in flight settle", async () => {
    const scratch = await createScratchTarget("postgres");
    if (scratch.target.kind !== "postgres") throw new Error("this test needs Postgres");
    const databaseUrl = scratch.target.url;
    const [portA, portB] = [await freePort(), await freePort()];
    const [urlA, urlB] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
    // Both servers share the export folder, as docker-compose's do.
    const env = { REDIS_URL: redisUrl!, UMBRA_EXPORT_DIR: mkdtempSync(join(tmpdir(), "umbra-exports-")) };
    // A's sessions carry a name, so the test can end the ones it leaves behind when killed.
    let a: ChildService | undefined = await startCollabProcess(scratch, portA, { ...env, DATABASE_URL: `${databaseUrl}?application_name=umbra-a` });
    let b: ChildService | undefined = await startCollabProcess(scratch, portB, env);
    const proxy = await startFailoverProxy([portA, portB]);
    let worker: ChildService | undefined;
    const docs: DocClient[] = [];
    const sockets: RoomSocket[] = [];
    const connect = async (url: string, roomId: string, token: string) => {
      const client = connectDoc(url, roomId, token);
      docs.push(client);
      await client.synced;
      return client;
    };
    try {
      const api = new ApiClient(urlB);
      const roomId = (await api.createRoom("Failover")).id;
      const token = await api.realtimeToken(roomId);
      const viaProxy = [await connect(proxy.url, roomId, token), await connect(proxy.url, roomId, token)];
      const onB = [await connect(urlB, roomId, token), await connect(urlB, roomId, token)];
      const everyone = [...viaProxy, ...onB];
      expect(proxy.landed, "while A is up, the balancer sends everyone there").toEqual([portA, portA]);
      worker = await startWorkerProcess(proxy.url);

      // A second room, edited only by a client straight on A: what survives of it is what A committed.
      const ledgerId = (await api.createRoom("Ledger")).id;
      const ledgerToken = await api.realtimeToken(ledgerId);
      const direct = await connect(urlA, ledgerId, ledgerToken);
      const committedOnA = async () => ((await new ApiClient(urlA).expect(200, "GET", "/metrics")) as { yjs: { persistMs: { count: number } } }).yjs.persistMs.count;
      const before = await committedOnA();
      const ledger = new RoomDoc(direct.doc);
      const chainId = ledger.addChain({ name: "Committed on A", fps: 24 });
      const first = ledger.addKeyframe(chainId, { seed: 0 })!;
      for (let seed = 1; seed < 20; seed++) ledger.addKeyframe(chainId, { seed });
      ledger.setTransition(chainId, first, { frames: 300 });
      await expect.poll(committedOnA, { timeout: 60_000 }).toBeGreaterThanOrEqual(before + 22);

      // An export running on A, watched from B; frames asked of B that A's worker renders.
      const watcher = await joinedRoomSocket(urlB, api, ledgerId);
      const starter = await joinedRoomSocket(urlA, api, ledgerId);
      sockets.push(watcher, starter);
      const heard: ExportJob[] = [];
      watcher.on(EVENTS.exportUpdated, (job: ExportJob) => heard.push(job));
      const started = await emitWithAck<{ ok: true; export: ExportJob }>(starter, EVENTS.exportStart, { settings: { chainId, format: "avi", size: 256, fps: 24 } });
      await expect.poll(() => heard.some((job) => job.id === started.export.id && job.framesDone > 0), { timeout: 120_000 }).toBe(true);
      const workersOnB = async () => {
        const ack = await emitWithAck<RoomJoinAck>(watcher, EVENTS.roomJoin, { roomId: ledgerId });
        return ack.ok ? ack.workers.length : ack.error.message;
      };
      await expect.poll(workersOnB).toBe(1);
      const settles = (hash: string) =>
        new Promise<FrameReady | FrameFailed>((resolve) => {
          watcher.on(EVENTS.frameReady, (frame: FrameReady) => frame.hash === hash && resolve(frame));
          watcher.on(EVENTS.frameFailed, (failed: FrameFailed) => failed.hash === hash && resolve(failed));
        });
      const recipes = [1, 2, 3, 4].map((seed) => seedFrameRecipe("builtin/cppn", 9000 + seed, { width: 256, height: 256 }));
      const inFlight = recipes.map((recipe) => settles(recipeHash(recipe)));
      for (const recipe of recipes) expect(await emitWithAck<FrameRequestAck>(watcher, EVENTS.frameRequest, { roomId: ledgerId, recipe })).toMatchObject({ ok: true });

      // The fuzz: half before the kill, half after, while A's clients are cut off and edit offline.
      // The seed fixes the commands each client chooses from what it holds; the order the servers
      // deliver them in is the sockets' timing, which no seed controls (the repeatable interleavings
      // are packages/doc's seeded fuzz): what this shows is convergence through a server's death.
      const random = new SeededRandom(61);
      const edit = (from: number, to: number) => {
        for (let step = from; step < to; step++) randomCommand(new RoomDoc(everyone[step % everyone.length]!.doc), random, step);
      };
      // A's inserts wait on a lock, so what its clients send now is relayed to B but not
      // committed when A dies: B alone holds it, and those clients, finding it on B, never resend it.
      const locked = await blockInserts(databaseUrl, "YjsUpdate");
      edit(0, 100);
      await eventually(() => contentOf(onB[0]!.doc) === contentOf(viaProxy[0]!.doc) && contentOf(onB[0]!.doc) === contentOf(viaProxy[1]!.doc), "B holds what A's clients sent", 60_000);
      await a.kill();
      // Postgres would let A's waiting inserts commit after all; a dead server's do not.
      expect(await locked.endSessionsOf("umbra-a")).toBeGreaterThan(0);
      await locked.release();
      a = undefined;
      direct.destroy();
      edit(100, 200);

      await eventually(() => everyone.every((c) => contentOf(c.doc) === contentOf(onB[0]!.doc)), "every client converges through B", 60_000).catch((error: Error) => {
        const clients = everyone.map((c, i) => `client ${i}: ${c.provider.wsconnected ? "connected" : "disconnected"}, ${new RoomDoc(c.doc).chains().length} chains`).join("; ");
        throw new Error(`${error.message} (${clients}); B logged:\n${b!.output().slice(-3000)}`);
      });
      expect(proxy.landed.filter((port) => port === portB).length, "A's clients (and the worker) reconnected to B").toBeGreaterThanOrEqual(2);
      expect(JSON.parse(contentOf(onB[0]!.doc)).length).toBeGreaterThan(0);

      // Frames asked for before the kill: each is rendered or fails saying why, never left hanging.
      for (const outcome of await Promise.all(inFlight)) {
        if ("error" in outcome) expect(outcome.error.message).toMatch(/\w/);
        else expect(outcome.width).toBe(256);
      }
      // The worker reconnects to B (through the balancer) by itself, and renders what B is asked.
      const workersHeldByB = async () => ((await (await fetch(`${urlB}/healthz`)).json()) as { workers: number }).workers;
      await expect.poll(workersHeldByB, { timeout: 60_000 }).toBe(1);
      const fresh = seedFrameRecipe("builtin/cppn", 9100, { width: 64, height: 64 });
      const rendered = settles(recipeHash(fresh));
      expect(await emitWithAck<FrameRequestAck>(watcher, EVENTS.frameRequest, { roomId: ledgerId, recipe: fresh })).toMatchObject({ ok: true });
      expect(await rendered).toMatchObject({ hash: recipeHash(fresh), width: 64 });

      // Once A has been silent long enough to be gone, B fails A's export and the room hears why.
      await expect.poll(() => heard.find((job) => job.id === started.export.id && job.status === "failed")?.error, { timeout: 90_000 }).toMatch(/server running this export stopped/);

      // Everything A committed is in the database: B reads the ledger room from it.
      const reader = await connect(urlB, ledgerId, ledgerToken);
      expect(new RoomDoc(reader.doc).chain(chainId)?.keyframes.length).toBe(20);

      // What B stored (its clients' edits, and what A relayed but never committed) is the converged document.
      const converged = contentOf(onB[0]!.doc);
      for (const client of docs.splice(0)) client.destroy();
      await b.stop();
      b = undefined;
      const alone = await startCollabProcess(scratch, portB, { UMBRA_EXPORT_DIR: env.UMBRA_EXPORT_DIR });
      b = alone;
      const stored = await connect(urlB, roomId, token);
      expect(contentOf(stored.doc)).toBe(converged);
    } finally {
      for (const socket of sockets) socket.close();
      for (const client of docs) client.destroy();
      await worker?.stop();
      await proxy.close();
      await a?.stop();
      await b?.stop();
      await scratch.dispose();
    }
  });
});
