// Yjs fan-out and persistence figures: 50 editors in one room, 2 updates/s each.
import { createScratchTarget, type ScratchKind } from "@umbra/db/testing";
import { RoomDoc } from "@umbra/doc";
import { ApiClient } from "../tests/support/api.js";
import { startCollabProcess } from "../tests/support/collab-process.js";
import { freePort } from "../tests/support/web-server.js";
import { connectDoc, type DocClient } from "../tests/support/yjs-client.js";
import { percentile } from "./bench-results.js";
import { cpuSeconds } from "./process-stats.js";

export const EDITORS = 50;
export const UPDATES_PER_SECOND = 2;

/**
 * Each editor renames its own chain to "<editor>:<seq>" at its rate; every other
 * editor records the time from the send to the moment it sees that name. Editors
 * connect to the given servers in turn.
 */
export async function runEditors(urls: readonly string[], roomId: string, token: string, seconds: number, editors = EDITORS): Promise<{ latencies: number[]; measuredSince: number }> {
  // Each provider listens for process exit; one per editor is expected here.
  process.setMaxListeners(editors + 10);
  // Editors take the servers in turn.
  const clients: DocClient[] = Array.from({ length: editors }, (_, i) => connectDoc(urls[i % urls.length]!, roomId, token));
  await Promise.all(clients.map((c) => c.synced));
  const rooms = clients.map((c) => new RoomDoc(c.doc));
  const chains = rooms.map((room, i) => room.addChain({ name: `${i}:0` }));
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let measuring = false;
  rooms.forEach((room, receiver) => {
    const seen = new Set<string>();
    room.observe((changed) => {
      for (const id of changed) {
        const name = room.chain(id)?.name;
        if (name === undefined || seen.has(name)) continue;
        seen.add(name);
        const sent = sentAt.get(name);
        if (sent !== undefined && measuring && !name.startsWith(`${receiver}:`)) latencies.push(performance.now() - sent);
      }
    });
  });
  await new Promise((r) => setTimeout(r, 1000)); // every chain everywhere; the joining burst is warm-up
  measuring = true;
  const measuredSince = Date.now();
  const intervals: ReturnType<typeof setInterval>[] = [];
  const starts = rooms.map((room, i) => {
    let seq = 0;
    // Spread the editors' phases so updates arrive evenly, as real people's would.
    return setTimeout(() => {
      const tick = () => {
        const name = `${i}:${++seq}`;
        sentAt.set(name, performance.now());
        room.renameChain(chains[i]!, name);
      };
      tick();
      intervals.push(setInterval(tick, 1000 / UPDATES_PER_SECOND));
    }, (i / editors) * (1000 / UPDATES_PER_SECOND));
  });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  for (const t of starts) clearTimeout(t);
  for (const t of intervals) clearInterval(t);
  await new Promise((r) => setTimeout(r, 500)); // let the last ones land
  measuring = false;
  for (const c of clients) c.destroy();
  return { latencies, measuredSince };
}

export interface FanoutFigures {
  p50: number;
  p99: number;
  receipts: number;
  serverCpuPct: number;
  /** Receipt of an update → its commit, inside collab-server (from /metrics). */
  persist: { p50: number; p99: number; count: number };
  database: ScratchKind;
}

/** collab-server in its own process, so its CPU share is its own. Joining and creating the chains is warm-up, outside the figures. */
export async function measureFanout(kind: ScratchKind, seconds = 10): Promise<FanoutFigures> {
  const scratch = await createScratchTarget(kind);
  const port = await freePort();
  const server = await startCollabProcess(scratch, port);
  try {
    const url = `http://127.0.0.1:${port}`;
    const api = new ApiClient(url);
    const roomId = (await api.createRoom("fan-out")).id;
    const token = await api.realtimeToken(roomId);
    const cpuBefore = cpuSeconds(server.pid);
    const wallBefore = performance.now();
    const { latencies, measuredSince } = await runEditors([url], roomId, token, seconds);
    const serverCpuPct = (100 * (cpuSeconds(server.pid) - cpuBefore)) / ((performance.now() - wallBefore) / 1000);
    const metrics = (await api.expect(200, "GET", `/metrics?since=${measuredSince}`)) as { yjs: { persistMs: { p50: number; p99: number; count: number } } };
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), receipts: latencies.length, serverCpuPct, persist: metrics.yjs.persistMs, database: kind };
  } finally {
    await server.stop();
    await scratch.dispose();
  }
}
