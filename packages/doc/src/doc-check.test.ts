import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { SeededRandom } from "@umbra/latent";
import { findChangedProblem, findDocProblem, typeRoomRoots, type DocProblem } from "./doc-check.js";
import { repairRoomDoc } from "./doc-repair.js";
import { RoomDoc } from "./room-doc.js";
import { MAX_KEYFRAMES_PER_CHAIN, MAX_TRANSITION_FRAMES } from "./schema.js";
import { chainFrameCount } from "./timeline.js";
import { buildSampleRoom, generateSchemaEdits, randomCommand, type SchemaEdit } from "./schema-samples.js";

const edits = generateSchemaEdits();

/** A server's copy of a room: hears each peer update and checks what its transaction changed. */
function checkedReplica(source: Y.Doc): { replica: Y.Doc; problems: DocProblem[] } {
  const replica = new Y.Doc();
  typeRoomRoots(replica);
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(source));
  const problems: DocProblem[] = [];
  replica.on("afterTransaction", (transaction: Y.Transaction) => {
    const problem = findChangedProblem(replica, transaction);
    if (problem) problems.push(problem);
  });
  source.on("update", (update: Uint8Array) => Y.applyUpdate(replica, update));
  return { replica, problems };
}

function sampleRoom(): Y.Doc {
  const doc = new Y.Doc();
  buildSampleRoom(doc);
  return doc;
}

function afterEdit(edit: SchemaEdit): { doc: Y.Doc; problems: DocProblem[] } {
  const doc = sampleRoom();
  const { problems } = checkedReplica(doc);
  edit.apply(doc);
  return { doc, problems };
}

describe("the room document schema", () => {
  it("generates edits of every kind from the schema", () => {
    // Each value field's samples, missing fields, wrong shapes, over-limit lists: well over a hundred.
    expect(edits.invalid.length).toBeGreaterThan(120);
    expect(edits.valid.length).toBeGreaterThan(30);
    expect(findDocProblem(sampleRoom())).toBeNull();
    expect(findDocProblem(new Y.Doc())).toBeNull();
  });

  it.each(edits.invalid.map((e) => [e.name, e] as const))("refuses %s, names the field, and the reader and repair cope", (_name, edit) => {
    const { doc, problems } = afterEdit(edit);
    // The per-transaction check that collab-server runs, and the whole-document check, both see it.
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.path).toMatch(/^(chains|meta|junk)/);
    expect(problems[0]!.message.length).toBeGreaterThan(0);
    expect(findDocProblem(doc)).not.toBeNull();

    // The defensive reader never throws and stays within the schema's bounds.
    const seen: string[] = [];
    const room = new RoomDoc(doc, (line) => seen.push(line));
    const chains = room.chains();
    for (const chain of chains) {
      expect(chain.keyframes.length).toBeLessThanOrEqual(MAX_KEYFRAMES_PER_CHAIN);
      for (const t of chain.transitions) expect(Number.isInteger(t.frames) && t.frames >= 1 && t.frames <= MAX_TRANSITION_FRAMES).toBe(true);
    }
    room.chains();
    expect(new Set(seen).size).toBe(seen.length); // each problem is logged once, however often it is read

    // Repair brings the document back into the schema, and a second repair changes nothing.
    const report = repairRoomDoc(doc, "repair", new Date(0));
    expect(report.removed + report.corrected).toBeGreaterThan(0);
    expect(findDocProblem(doc)).toBeNull();
    expect(repairRoomDoc(doc, "repair", new Date(0)).changes).toEqual([]);
    expect(room.repairRecord()).toEqual({ removed: report.removed, corrected: report.corrected, at: new Date(0).toISOString() });
  });

  it.each(edits.valid.map((e) => [e.name, e] as const))("accepts %s", (_name, edit) => {
    const { doc, problems } = afterEdit(edit);
    expect(problems).toEqual([]);
    expect(findDocProblem(doc)).toBeNull();
    expect(repairRoomDoc(doc, "repair", new Date(0)).changes).toEqual([]);
  });

  it("reads a transition of 10¹² frames as the longest allowed, and skips a chain that is a bare string", () => {
    const doc = sampleRoom();
    const chains = doc.getArray<unknown>("chains");
    const transitions = (chains.get(0) as Y.Map<unknown>).get("transitions") as Y.Map<Y.Map<unknown>>;
    transitions.values().next().value!.set("frames", 1e12);
    chains.push(["a bare string"]);
    const lines: string[] = [];
    const room = new RoomDoc(doc, (line) => lines.push(line));
    const [chain, ...rest] = room.chains();
    expect(rest).toEqual([]);
    expect(chain!.transitions[0]!.frames).toBe(MAX_TRANSITION_FRAMES);
    expect(chainFrameCount(chain!)).toBe(MAX_TRANSITION_FRAMES + 60 + 1);
    expect(room.readProblems()).toEqual(lines);
    expect(lines).toEqual([
      expect.stringMatching(/^chains\[0\]\.transitions\.[0-9a-f-]{12}\.frames: must be at most 10000$/),
      "chains[1]: is not a chain this version can read; skipped",
    ]);
    // Commands on a damaged room go on working.
    expect(room.addKeyframe(chain!.id, { seed: 9 })).not.toBeNull();
  });
});

describe("a seeded fuzz of valid commands from three peers", () => {
  it.each([1, 2, 3, 4, 5])("is never refused (seed %i)", (seed) => {
    const random = new SeededRandom(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random.uniform() * items.length)]!;
    const server = new Y.Doc();
    typeRoomRoots(server);
    const problems: DocProblem[] = [];
    server.on("afterTransaction", (transaction: Y.Transaction) => {
      const problem = findChangedProblem(server, transaction);
      if (problem) problems.push(problem);
    });
    // Peers queue their updates and deliver them in random bursts, so edits are concurrent.
    const peers = [0, 1, 2].map(() => ({ doc: new Y.Doc(), outbox: [] as Uint8Array[] }));
    for (const peer of peers) peer.doc.on("update", (update: Uint8Array, origin: unknown) => origin !== "server" && peer.outbox.push(update));
    const sync = (peer: (typeof peers)[number]) => {
      for (const update of peer.outbox.splice(0)) Y.applyUpdate(server, update, "peer");
      Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(peer.doc)), "server");
    };
    for (let step = 0; step < 400; step++) {
      const peer = pick(peers);
      randomCommand(new RoomDoc(peer.doc), random, step);
      if (random.uniform() < 0.3) sync(peer);
    }
    for (const peer of peers) sync(peer);
    for (const peer of peers) sync(peer);
    expect(problems).toEqual([]);
    expect(findDocProblem(server)).toBeNull();
    expect(new RoomDoc(peers[0]!.doc).chains()).toEqual(new RoomDoc(server).chains());
  });
});
