// Yjs fan-out and persistence figures: 50 editors in one room, 2 updates/s each.
// Most editors are wire editors (see wire-editor.ts); a few stock providers also time
// each update until it is in their document.
import { createScratchTarget, type ScratchKind } from "@umbra/db/testing";
import { RoomDoc } from "@umbra/doc";
import { ApiClient } from "../tests/support/api.js";
import { startCollabProcess } from "../tests/support/collab-process.js";
import { freePort } from "../tests/support/web-server.js";
import { connectDoc, eventually, type DocClient } from "../tests/support/yjs-client.js";
import { connectWireEditor, fanoutName, namesIn, type WireEditor } from "./wire-editor.js";
import { percentile } from "./bench-results.js";
import { cpuSeconds } from "./process-stats.js";

export const EDITORS = 50;
export const UPDATES_PER_SECOND = 2;

/** Of the editors, this many are stock y-websocket providers that apply every update; the rest are wire editors (see wire-editor.ts). */
export const APPLYING_EDITORS = 4;

export interface EditorLatencies {
  /** Send → received, by every other editor; applied, for the stock ones. */
  latencies: number[];
  /** When each of those was sent (performance.now()). */
  sentAt: number[];
  /** Send → applied to the document, by the stock editors only. */
  applied: number[];
  measuredSince: number;
}

/**
 * Each editor renames its own chain to "fan:<editor>:<seq>" at its rate; every other
 * editor records the time from the send to the moment it receives that name (the
 * stock editors: until it is in their document). Editors connect to the given
 * servers in turn. Throws if an edit never reaches an editor, or a stock editor ends
 * without every editor's last name.
 */
export async function runEditors(urls: readonly string[], roomId: string, token: string, seconds: number, editors = EDITORS): Promise<EditorLatencies> {
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const latencySentAt: number[] = [];
  const applied: number[] = [];
  /** Per editor, the last seq it sent. */
  const lastSeq = new Array<number>(editors).fill(0);
  /** Per receiver, the highest seq seen from each editor: names only grow, and a name is timed once. */
  const seen = Array.from({ length: editors }, () => new Array<number>(editors).fill(0));
  // A name that arrives after a later one of the same editor was superseded on its way
  // (a server may send a newer state instead): it counts as held when the later one came.
  const receive = (receiver: number, editor: number, seq: number, isApplied: boolean) => {
    const from = seen[receiver]![editor]!;
    if (editor === receiver || seq <= from || seq > lastSeq[editor]!) return;
    seen[receiver]![editor] = seq;
    const now = performance.now();
    for (let s = from + 1; s <= seq; s++) {
      const sent = sentAt.get(fanoutName(editor, s));
      if (sent === undefined) continue;
      latencies.push(now - sent);
      latencySentAt.push(sent);
      if (isApplied) applied.push(now - sent);
    }
  };
  // Each provider listens for process exit; one per stock editor is expected here.
  process.setMaxListeners(APPLYING_EDITORS + 10);
  const url = (i: number) => urls[i % urls.length]!;
  const stock: DocClient[] = [];
  const wire: WireEditor[] = [];
  const docs = Array.from({ length: editors }, (_, i) => {
    if (i < APPLYING_EDITORS) {
      const client = connectDoc(url(i), roomId, token);
      stock.push(client);
      return client;
    }
    const editor = connectWireEditor(url(i), roomId, token, (update) => {
      for (const { editor: from, seq } of namesIn(update)) receive(i, from, seq, false);
    });
    wire.push(editor);
    return editor;
  });
  await Promise.all(docs.map((d) => d.synced));
  const rooms = docs.map((d) => new RoomDoc(d.doc));
  const chains = rooms.map((room, i) => room.addChain({ name: fanoutName(i, 0) }));
  rooms.slice(0, APPLYING_EDITORS).forEach((room, receiver) => {
    room.observe((changed) => {
      for (const id of changed) {
        const [, editor, seq] = room.chain(id)?.name.split(":") ?? [];
        if (seq !== undefined) receive(receiver, Number(editor), Number(seq), true);
      }
    });
  });
  await new Promise((r) => setTimeout(r, 1000)); // every chain everywhere; the joining burst is warm-up
  const measuredSince = Date.now();
  const intervals: ReturnType<typeof setInterval>[] = [];
  const starts = rooms.map((room, i) =>
    // Spread the editors' phases so updates arrive evenly, as real people's would.
    setTimeout(() => {
      const tick = () => {
        lastSeq[i] = lastSeq[i]! + 1;
        const name = fanoutName(i, lastSeq[i]!);
        sentAt.set(name, performance.now());
        room.renameChain(chains[i]!, name);
      };
      tick();
      intervals.push(setInterval(tick, 1000 / UPDATES_PER_SECOND));
    }, (i / editors) * (1000 / UPDATES_PER_SECOND)),
  );
  await new Promise((r) => setTimeout(r, seconds * 1000));
  for (const t of starts) clearTimeout(t);
  for (const t of intervals) clearInterval(t);
  try {
    // Every edit reaches every other editor, however late: a receipt left out would hide the slowest.
    const expected = lastSeq.reduce((sum, sent) => sum + sent, 0) * (editors - 1);
    await eventually(() => latencies.length >= expected, `every editor received every edit (${expected} receipts)`);
    // The wire editors' figures count only if the room really holds their edits.
    for (const [s, room] of rooms.slice(0, APPLYING_EDITORS).entries()) {
      const missing = chains.filter((id, i) => room.chain(id)?.name !== fanoutName(i, lastSeq[i]!));
      if (missing.length) throw new Error(`editor ${s} ended without the last names of ${missing.length} editors`);
    }
  } finally {
    for (const client of stock) client.destroy();
    for (const editor of wire) editor.close();
  }
  return { latencies, sentAt: latencySentAt, applied, measuredSince };
}

export interface FanoutFigures {
  p50: number;
  p99: number;
  /** The same, counting only the stock editors, until applied. */
  appliedP99: number;
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
    const { latencies, applied, measuredSince } = await runEditors([url], roomId, token, seconds);
    const serverCpuPct = (100 * (cpuSeconds(server.pid) - cpuBefore)) / ((performance.now() - wallBefore) / 1000);
    const metrics = (await api.expect(200, "GET", `/metrics?since=${measuredSince}`)) as { yjs: { persistMs: { p50: number; p99: number; count: number } } };
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), appliedP99: percentile(applied, 99), receipts: latencies.length, serverCpuPct, persist: metrics.yjs.persistMs, database: kind };
  } finally {
    await server.stop();
    await scratch.dispose();
  }
}
