import * as Y from "yjs";
import { encodeLatentBase64, latentFromSeed, type SeededRandom } from "@umbra/latent";
import { ROOM_DOC_SCHEMA, type ContainerNode, type ListNode, type MapNode, type RecordNode } from "./doc-schema.js";
import { RoomDoc } from "./room-doc.js";

/** One change to a room document, as a peer would make it with plain Yjs calls. */
export interface SchemaEdit {
  /** What it does, for test names: `chains[0].transitions[*].frames = 1000000000000`. */
  name: string;
  apply(doc: Y.Doc): void;
}

/** Finds, in the sample room, the shared type that a schema node describes. */
type Locate = (doc: Y.Doc) => Y.Map<unknown> | Y.Array<unknown>;

/** Latent size of the built-in model: the sample room's vector keyframe renders on it. */
const SAMPLE_LATENT_SIZE = 512;

/**
 * A valid room to edit: one chain of three keyframes (a seed, a vector, a seed)
 * whose first transition has every field set.
 */
export function buildSampleRoom(doc: Y.Doc): void {
  const room = new RoomDoc(doc);
  const chain = room.addChain({ name: "Sample" });
  const first = room.addKeyframe(chain, { seed: 1 }, { label: "start" })!;
  room.addKeyframe(chain, { vector: encodeLatentBase64(latentFromSeed(2, SAMPLE_LATENT_SIZE)) });
  room.addKeyframe(chain, { seed: 3 });
  room.setTransition(chain, first, { frames: 12, interpolation: "lerp", easing: "ease-in", truncation: 0.7 });
}

/**
 * One random valid command on `room`, as people in the studio make them: for seeded
 * fuzz tests, which must never see one refused. `step` makes names and seeds differ.
 */
export function randomCommand(room: RoomDoc, random: SeededRandom, step: number): void {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random.uniform() * items.length)]!;
  const chains = room.chains();
  const chain = chains.length ? pick(chains) : null;
  const keyframe = chain?.keyframes.length ? pick(chain.keyframes) : null;
  const command = pick(["chain", "keyframe", "keyframe", "move", "remove", "transition", "label", "rename", "fps", "duplicate", "delete", "latent", "mix"]);
  if (command === "chain" || !chain) room.addChain();
  else if (command === "keyframe") room.addKeyframe(chain.id, random.uniform() < 0.2 ? { vector: "AACAPwAAAEA=" } : { seed: step });
  else if (command === "move" && keyframe) room.moveKeyframe(chain.id, keyframe.id, Math.floor(random.uniform() * chain.keyframes.length));
  else if (command === "remove" && keyframe) room.removeKeyframe(chain.id, keyframe.id);
  else if (command === "transition" && keyframe) {
    room.setTransition(chain.id, keyframe.id, { frames: 1 + (step % 240), truncation: random.uniform() < 0.5 ? null : random.uniform() * 2, easing: pick(["linear", "ease-in-out"] as const) });
  } else if (command === "label" && keyframe) room.relabelKeyframe(chain.id, keyframe.id, random.uniform() < 0.3 ? null : `k${step}`);
  else if (command === "rename") room.renameChain(chain.id, `chain ${step}`);
  else if (command === "fps") room.setChainFps(chain.id, pick([12, 24, 25, 30] as const));
  else if (command === "duplicate") room.duplicateChain(chain.id);
  else if (command === "delete" && random.uniform() < 0.3) room.deleteChain(chain.id);
  else if (command === "latent" && keyframe) room.setKeyframeLatent(chain.id, keyframe.id, random.uniform() < 0.3 ? { w: "AACAPwAAAEA=" } : { seed: step + 1000 });
  else if (command === "mix" && keyframe) {
    room.setKeyframeMix(chain.id, keyframe.id, random.uniform() < 0.3 ? null : { latent: { seed: step }, layers: pick(["coarse", "middle", "fine", { first: 1, last: 4 }] as const) });
  }
}

function show(value: unknown): string {
  if (value instanceof Y.AbstractType) return value.constructor.name;
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 30 ? `${json.slice(0, 27)}…` : json;
}

/** Values of the wrong shape where a Y.Array ("list") or a Y.Map belongs; made fresh per use, as a Yjs type integrates once. */
function wrongShapesFor(wanted: "list" | "map"): (() => unknown)[] {
  return [() => "text", () => 5, () => ({ id: "x" }), () => ["x"], () => (wanted === "list" ? new Y.Map() : new Y.Array())];
}

function firstKey(map: Y.Map<unknown>): string {
  const key = map.keys().next().value;
  if (key === undefined) throw new Error("the sample room has an empty record");
  return key;
}

class EditGenerator {
  readonly invalid: SchemaEdit[] = [];
  readonly valid: SchemaEdit[] = [];

  node(node: ContainerNode, locate: Locate, path: string): void {
    if (node.kind === "map") this.map(node, locate, path);
    else if (node.kind === "list") this.list(node, locate, path);
    else this.record(node, locate, path);
  }

  private add(into: SchemaEdit[], name: string, apply: (doc: Y.Doc) => void): void {
    into.push({ name, apply: (doc) => doc.transact(() => apply(doc)) });
  }

  private map(node: MapNode, locate: Locate, path: string): void {
    const at = (doc: Y.Doc) => locate(doc) as Y.Map<unknown>;
    this.add(this.invalid, `${path}.extra = 1 (an unknown field)`, (doc) => at(doc).set("extra", 1));
    for (const [key, field] of Object.entries(node.fields)) {
      const fieldPath = `${path}.${key}`;
      if (field.kind === "value") {
        for (const value of field.samples.invalid) this.add(this.invalid, `${fieldPath} = ${show(value)}`, (doc) => at(doc).set(key, value));
        for (const value of field.samples.valid) this.add(this.valid, `${fieldPath} = ${show(value)}`, (doc) => at(doc).set(key, value));
        if (!field.optional) this.add(this.invalid, `${fieldPath} missing`, (doc) => at(doc).delete(key));
        else this.add(this.valid, `${fieldPath} missing`, (doc) => at(doc).delete(key));
        continue;
      }
      for (const make of wrongShapesFor(field.kind === "list" ? "list" : "map")) {
        const sample = make();
        this.add(this.invalid, `${fieldPath} = ${show(sample)}`, (doc) => at(doc).set(key, make()));
      }
      this.add(this.invalid, `${fieldPath} missing`, (doc) => at(doc).delete(key));
      this.node(field, (doc) => at(doc).get(key) as Y.Map<unknown> | Y.Array<unknown>, fieldPath);
    }
  }

  private list(node: ListNode, locate: Locate, path: string): void {
    const at = (doc: Y.Doc) => locate(doc) as Y.Array<unknown>;
    for (const make of wrongShapesFor("map")) {
      const sample = make();
      this.add(this.invalid, `${path} gets an entry ${show(sample)}`, (doc) => at(doc).push([make()]));
    }
    this.add(this.invalid, `${path} holds ${node.max + 1} entries`, (doc) => {
      const list = at(doc);
      const first = list.get(0) as Y.Map<unknown>;
      list.push(Array.from({ length: node.max + 1 - list.length }, () => first.clone()));
    });
    this.add(this.valid, `${path} gets a copy of its first entry`, (doc) => at(doc).push([(at(doc).get(0) as Y.Map<unknown>).clone()]));
    this.node(node.item, (doc) => at(doc).get(0) as Y.Map<unknown>, `${path}[0]`);
  }

  private record(node: RecordNode, locate: Locate, path: string): void {
    const at = (doc: Y.Doc) => locate(doc) as Y.Map<unknown>;
    for (const key of node.key.samples.invalid) {
      if (typeof key !== "string") continue;
      this.add(this.invalid, `${path} gets the key ${show(key)}`, (doc) => at(doc).set(key, new Y.Map()));
    }
    for (const make of wrongShapesFor("map")) {
      const sample = make();
      this.add(this.invalid, `${path}[*] = ${show(sample)}`, (doc) => at(doc).set(firstKey(at(doc)), make()));
    }
    this.add(this.valid, `${path} gets an empty entry`, (doc) => at(doc).set("another-keyframe-id", new Y.Map()));
    this.node(node.value, (doc) => at(doc).get(firstKey(at(doc))) as Y.Map<unknown>, `${path}[*]`);
  }
}

/**
 * Edits generated from ROOM_DOC_SCHEMA, to apply to a `buildSampleRoom` document:
 * `invalid` breaks the schema once each way a value, an entry or a shared type can
 * be wrong (every sample past each value's edges, every missing required field,
 * every wrong shape, every list over its limit, an unknown top-level type);
 * `valid` sets each value to its edges and stays within the schema.
 */
export function generateSchemaEdits(): { valid: SchemaEdit[]; invalid: SchemaEdit[] } {
  const generator = new EditGenerator();
  generator.node(ROOM_DOC_SCHEMA.chains, (doc) => doc.getArray("chains"), "chains");
  generator.node(ROOM_DOC_SCHEMA.meta, (doc) => doc.getMap("meta"), "meta");
  generator.invalid.push({ name: "a top-level type `junk` the schema does not know", apply: (doc) => doc.getMap("junk").set("a", 1) });
  return generator;
}
