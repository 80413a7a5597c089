// History's costs on a room of 20 chains × 50 keyframes: saving a version (the socket's
// answer, while ten editors edit), the Yjs fan-out while versions save next to it quiet,
// and what an hour of two people editing steadily stores, in time scaled down. Also what
// the alternative (Yjs snapshots of a document that keeps its history) would cost.
import * as Y from "yjs";
import { createScratchTarget } from "@umbra/db/testing";
import { RoomDoc } from "@umbra/doc";
import { EVENTS } from "@umbra/protocol";
import { ApiClient } from "../tests/support/api.js";
import { startCollabProcess } from "../tests/support/collab-process.js";
import { emitWithAck, joinedRoomSocket, startStack } from "../tests/support/stack.js";
import { freePort } from "../tests/support/web-server.js";
import { connectDoc, eventually } from "../tests/support/yjs-client.js";
import { percentile } from "./bench-results.js";
import { runEditors, type EditorLatencies } from "./yjs-fanout.js";

export const VERSION_CHAINS = 20;
export const VERSION_KEYFRAMES = 50;
export const FANOUT_EDITORS = 10;
/** Quiet and saving phases, by turn, each this long. */
const PHASES = 3;
const PHASE_MS = 5000;
/** A named version every this often in a saving phase: with the warm-up, 18 saves, within one person's budget of 20 a minute. */
const SAVE_EVERY_MS = 1000;
const WARM_UP_SAVES = 3;
/** The editors' session: their warm-up, the phases, and a margin. */
const EDITING_SECONDS = 1 + (2 * PHASES * PHASE_MS) / 1000 + 4;
/** Simulated time runs this many times faster in the storage measurement. */
const TIME_SCALE = 300;
const EDIT_EVERY_S = 10;

export interface VersionFigures {
  saveP50: number;
  saveP99: number;
  saves: number;
  /** The server's first saves, which start the packing thread and warm its code and first queries. */
  firstSaves: number[];
  /** The Yjs fan-out's p99 over the quiet phases, the saving phases, and the updates sent while a save was under way; and each phase's. */
  fanout: { quietP99: number; savingP99: number; inSaveP99: number; quietPhasesP99: number[]; savingPhasesP99: number[] };
  /** One version of the room: its whole document, encoded. */
  stateBytes: number;
  versionsPerEditHour: number;
  bytesPerEditHour: number;
  /** The alternative: the document kept with its whole history (gc off) after the same hour, and one snapshot of it. */
  historyDocBytes: number;
  snapshotBytes: number;
}

/** The room History is measured on: 20 chains of 50 keyframes, each transition re-timed and eased; one update, as an import would send it. */
function fillRoom(room: RoomDoc): void {
  room.batch(() => fillChains(room));
}

function fillChains(room: RoomDoc): void {
  for (let c = 0; c < VERSION_CHAINS; c++) {
    const chain = room.addChain({ name: `Chain ${c}` });
    for (let k = 0; k < VERSION_KEYFRAMES; k++) {
      const id = room.addKeyframe(chain, { seed: c * 1000 + k }, { label: `k${k}` })!;
      room.setTransition(chain, id, { frames: 12 + k, easing: "ease-in-out" });
    }
  }
}

/** One of the edits people make all day, by turn: re-time, relabel, re-seed, and now and then a new keyframe. */
function steadyEdit(room: RoomDoc, n: number): void {
  const chains = room.chains();
  const chain = chains[n % chains.length]!;
  const keyframe = chain.keyframes[(n * 7) % chain.keyframes.length]!;
  if (n % 10 === 9) room.addKeyframe(chain.id, { seed: 50_000 + n });
  else if (n % 3 === 0) room.setTransition(chain.id, keyframe.id, { frames: 10 + (n % 50) });
  else if (n % 3 === 1) room.relabelKeyframe(chain.id, keyframe.id, `take ${n}`);
  else room.setKeyframeLatent(chain.id, keyframe.id, { seed: 90_000 + n });
}

/** A span of time, from performance.now(). */
interface Span {
  from: number;
  to: number;
}

const within = (spans: readonly Span[], at: number) => spans.some((span) => at >= span.from && at < span.to);

/** The p99 of the fan-out of updates sent within the spans. */
function fanoutP99(run: EditorLatencies, spans: readonly Span[]): number {
  return percentile(run.latencies.filter((_, i) => within(spans, run.sentAt[i]!)), 99);
}

/**
 * Saves, and the fan-out beside them, with collab-server in its own process. One session
 * of ten editors alternates quiet phases with phases in which a version saves every
 * second, so both see the same room, connections and machine; the quiet phases' spread
 * is the noise the saving phases are held to.
 */
async function measureSaving(): Promise<Pick<VersionFigures, "saveP50" | "saveP99" | "saves" | "firstSaves" | "fanout" | "stateBytes">> {
  const scratch = await createScratchTarget("pglite");
  const port = await freePort();
  const server = await startCollabProcess(scratch, port);
  try {
    const url = `http://127.0.0.1:${port}`;
    const api = new ApiClient(url);
    const roomId = (await api.createRoom("versions")).id;
    const token = await api.realtimeToken(roomId);
    const filler = connectDoc(url, roomId, token);
    await filler.synced;
    fillRoom(new RoomDoc(filler.doc));
    const stateBytes = Y.encodeStateAsUpdate(filler.doc).byteLength;
    const socket = await joinedRoomSocket(url, api, roomId);
    // The server's first saves start the packing thread and warm its code and first queries: measured apart (firstSaves).
    const firstSaves: number[] = [];
    for (let n = 0; n < WARM_UP_SAVES; n++) {
      const warming = performance.now();
      await emitWithAck(socket, EVENTS.versionSave, { kind: "named", name: `Warm-up ${n}` });
      firstSaves.push(performance.now() - warming);
    }

    const quiet: Span[] = [];
    const saving: Span[] = [];
    const inSave: Span[] = [];
    const saver = (async () => {
      // Once the editors are in (each adds a chain) and their joining burst is over (runEditors' warm-up), as the fan-out is measured.
      await eventually(() => new RoomDoc(filler.doc).chains().length >= VERSION_CHAINS + FANOUT_EDITORS, "the editors are in");
      await new Promise((resolve) => setTimeout(resolve, 1500));
      for (let phase = 0; phase < PHASES; phase++) {
        const quietFrom = performance.now();
        await new Promise((resolve) => setTimeout(resolve, PHASE_MS));
        quiet.push({ from: quietFrom, to: performance.now() });
        const savingFrom = performance.now();
        for (let n = 0; n < PHASE_MS / SAVE_EVERY_MS; n++) {
          const started = performance.now();
          const answer = (await emitWithAck(socket, EVENTS.versionSave, { kind: "named", name: `Take ${inSave.length}` })) as { ok: boolean; error?: { message: string } };
          if (!answer.ok) throw new Error(`a version was not saved: ${answer.error?.message}`);
          inSave.push({ from: started, to: performance.now() });
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + SAVE_EVERY_MS - performance.now())));
        }
        saving.push({ from: savingFrom, to: performance.now() });
      }
    })();
    const run = await runEditors([url], roomId, token, EDITING_SECONDS, FANOUT_EDITORS);
    await saver;
    const lastSent = run.sentAt.reduce((last, at) => Math.max(last, at), 0);
    if (lastSent < saving.at(-1)!.to) throw new Error("the editors stopped before the last saving phase ended");
    socket.close();
    filler.destroy();
    const saves = inSave.map((span) => span.to - span.from);
    return {
      saveP50: percentile(saves, 50),
      saveP99: percentile(saves, 99),
      saves: saves.length,
      firstSaves,
      fanout: {
        quietP99: fanoutP99(run, quiet),
        savingP99: fanoutP99(run, saving),
        inSaveP99: fanoutP99(run, inSave),
        quietPhasesP99: quiet.map((span) => fanoutP99(run, [span])),
        savingPhasesP99: saving.map((span) => fanoutP99(run, [span])),
      },
      stateBytes,
    };
  } finally {
    await server.stop();
  }
}

/**
 * Two hours of two people editing steadily (each an edit every 10 s, never pausing two
 * minutes), with every duration 300 times shorter: what History keeps of an hour. The same
 * edits on a document that keeps its whole history say what snapshots would need.
 */
async function measureStorage(): Promise<Pick<VersionFigures, "versionsPerEditHour" | "bytesPerEditHour" | "historyDocBytes" | "snapshotBytes">> {
  const stack = await startStack({ kind: "pglite", withWorker: false, open: true, versions: { pauseMs: 120_000 / TIME_SCALE, everyMs: 1_800_000 / TIME_SCALE } });
  try {
    const roomId = (await stack.api.createRoom("an hour of editing")).id;
    const token = await stack.api.realtimeToken(roomId);
    const people = [connectDoc(stack.collab.url, roomId, token), connectDoc(stack.collab.url, roomId, token)];
    await Promise.all(people.map((p) => p.synced));
    const rooms = people.map((p) => new RoomDoc(p.doc));
    fillRoom(rooms[0]!);
    // The alternative: one document that never forgets, fed the same edits.
    const keeping = new Y.Doc({ gc: false });
    people[0]!.doc.on("update", (update: Uint8Array) => Y.applyUpdate(keeping, update));
    Y.applyUpdate(keeping, Y.encodeStateAsUpdate(people[0]!.doc));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const prisma = stack.database.prisma;
    await prisma.roomVersion.deleteMany({ where: { roomId } }); // the filling's own version is no edit hour's
    const editEvery = (EDIT_EVERY_S * 1000) / TIME_SCALE;
    // Two hours, so that the half-hourly versions of continuous editing are counted whole.
    const hours = 2;
    const hour = 3_600_000 / TIME_SCALE;
    const started = performance.now();
    for (let n = 0; performance.now() - started < hours * hour; n++) {
      steadyEdit(rooms[n % 2]!, n);
      await new Promise((resolve) => setTimeout(resolve, editEvery / 2));
    }
    const kept = await prisma.roomVersion.aggregate({ where: { roomId }, _count: true, _sum: { bytes: true } });
    for (const person of people) person.destroy();
    return {
      versionsPerEditHour: kept._count / hours,
      bytesPerEditHour: (kept._sum.bytes ?? 0) / hours,
      historyDocBytes: Y.encodeStateAsUpdate(keeping).byteLength,
      snapshotBytes: Y.encodeSnapshot(Y.snapshot(keeping)).byteLength,
    };
  } finally {
    await stack.close();
  }
}

export async function measureVersions(): Promise<VersionFigures> {
  return { ...(await measureSaving()), ...(await measureStorage()) };
}
