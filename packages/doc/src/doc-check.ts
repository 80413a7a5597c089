import * as Y from "yjs";
import { ROOM_DOC_SCHEMA, type ContainerNode, type RootName, type SchemaNode, type ValueField } from "./doc-schema.js";

/** Where a document breaks its schema, and how, in words for people. */
export interface DocProblem {
  /** Like `chains[2].transitions[3f2a…].frames`. */
  path: string;
  message: string;
}

export function describeProblem(problem: DocProblem): string {
  return `${problem.path}: ${problem.message}`;
}

export type Segment = string | number;

/** Any Yjs shared type (Y.Map, Y.Array, or a top-level type not yet given a kind); Yjs types its event parameter as any. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs declares its event parameter as any, and every shared type must fit here
export type SharedType = Y.AbstractType<any>;

export function pathText(segments: readonly Segment[]): string {
  return segments.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

function valueProblem(field: ValueField, value: unknown): string | null {
  const result = field.schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? "is not allowed");
}

/** What to do with a stored value: keep it, replace it with the nearest allowed one, or drop it. */
export type ValueVerdict<T> = { action: "keep"; value: T } | { action: "replace"; value: T; problem: string } | { action: "drop"; problem: string };

/** The one rule the defensive reader and the server's repair both follow for a value. */
export function judgeValue<T>(field: ValueField<T>, value: unknown): ValueVerdict<T> {
  const problem = valueProblem(field, value);
  if (problem === null) return { action: "keep", value: value as T };
  const repaired = field.repair(value);
  return repaired === undefined ? { action: "drop", problem } : { action: "replace", value: repaired, problem };
}

function containerKind(node: ContainerNode): string {
  return node.kind === "list" ? "a list (Y.Array)" : "a map (Y.Map)";
}

/**
 * Which content a check must read in full. A whole-document check reads everything;
 * the check of one transaction reads only what it created, because content that
 * existed before was valid then, and any change to it puts it in `transaction.changed`.
 */
type Fresh = (item: Y.Item) => boolean;

const EVERYTHING: Fresh = () => true;

/** Whether `value` is a shared type that existed before (and so was checked then). */
function isOldType(value: unknown, fresh: Fresh): boolean {
  return value instanceof Y.AbstractType && value._item !== null && !fresh(value._item);
}

/** The first problem at or below `value`, which should be `node`. */
function problemIn(node: SchemaNode, value: unknown, segments: Segment[], fresh: Fresh): DocProblem | null {
  const at = (message: string, more: Segment[] = []) => ({ path: pathText([...segments, ...more]), message });
  if (node.kind === "value") {
    const problem = valueProblem(node, value);
    return problem ? at(problem) : null;
  }
  if (node.kind === "list") {
    if (!(value instanceof Y.Array)) return at(`must be ${containerKind(node)}`);
    if (value.length > node.max) return at(`holds ${value.length} entries, at most ${node.max} are allowed`);
    let index = 0;
    for (let item = value._start; item; item = item.right) {
      if (item.deleted || !item.countable) continue;
      if (!fresh(item)) {
        index += item.length;
        continue;
      }
      for (const entry of item.content.getContent()) {
        const problem = problemIn(node.item, entry, [...segments, index++], fresh);
        if (problem) return problem;
      }
    }
    return null;
  }
  if (!(value instanceof Y.Map)) return at(`must be ${containerKind(node)}`);
  const map = value as Y.Map<unknown>;
  if (node.kind === "record") {
    for (const [key, entry] of map) {
      const keyProblem = valueProblem(node.key, key);
      if (keyProblem) return at(`key ${keyProblem}`, [key.slice(0, 12)]);
      if (entry instanceof Y.Map && isOldType(entry, fresh)) continue;
      const problem = problemIn(node.value, entry, [...segments, key.slice(0, 12)], fresh);
      if (problem) return problem;
    }
    return null;
  }
  for (const key of map.keys()) if (!(key in node.fields)) return at("is not a field of this schema", [key.slice(0, 24)]);
  for (const [key, field] of Object.entries(node.fields)) {
    if (!map.has(key)) {
      if (field.kind === "value" && field.optional) continue;
      return at("is missing", [key]);
    }
    const entry = map.get(key);
    // A list or map that was already here is of the right kind; its own changes are checked on their own.
    if (field.kind !== "value" && isOldType(entry, fresh) && (entry instanceof Y.Array) === (field.kind === "list")) continue;
    const problem = problemIn(field, entry, [...segments, key], fresh);
    if (problem) return problem;
  }
  return null;
}

/**
 * Gives the document's top-level names their kinds (chains: Y.Array, meta: Y.Map).
 * A name first met in an update has no kind yet, and giving it one replaces the
 * type object, so a document checked with findChangedProblem is typed before any update.
 */
export function typeRoomRoots(doc: Y.Doc): void {
  for (const [name, node] of Object.entries(ROOM_DOC_SCHEMA)) {
    if (node.kind === "list") doc.getArray(name);
    else doc.getMap(name);
  }
}

/** The items of a shared type that are not deleted, whatever its kind: list items and map entries. */
export function liveItems(type: SharedType): Y.Item[] {
  const items: Y.Item[] = [];
  for (let item = type._start; item; item = item.right) if (!item.deleted) items.push(item);
  for (const item of type._map.values()) if (!item.deleted) items.push(item);
  return items;
}

/** The first problem anywhere in the document, or null when it follows the schema. */
export function findDocProblem(doc: Y.Doc): DocProblem | null {
  for (const [name, type] of doc.share) {
    if (!(name in ROOM_DOC_SCHEMA) && liveItems(type).length > 0) return { path: name, message: "is not a part of a room document" };
  }
  typeRoomRoots(doc);
  for (const [name, node] of Object.entries(ROOM_DOC_SCHEMA)) {
    const problem = problemIn(node, doc.share.get(name), [name], EVERYTHING);
    if (problem) return problem;
  }
  return null;
}

/** One step from a shared type up to its parent: the key in a map, or the position in a list. */
interface Step {
  type: SharedType;
  key: string | null;
}

/** The steps from the document's root down to `type`, or null if it sits inside deleted content. */
function stepsTo(type: SharedType): { root: SharedType; steps: Step[] } | null {
  const steps: Step[] = [];
  let current = type;
  while (current._item) {
    if (current._item.deleted) return null;
    steps.unshift({ type: current, key: current._item.parentSub });
    current = current._item.parent as SharedType;
  }
  return { root: current, steps };
}

function rootName(doc: Y.Doc, root: SharedType): string {
  for (const [name, type] of doc.share) if (type === root) return name;
  return "(unnamed)";
}

function indexIn(list: Y.Array<unknown>, type: SharedType): number {
  let index = 0;
  for (const item of list) {
    if (item === type) return index;
    index++;
  }
  return -1;
}

/**
 * The first problem in what one transaction changed: each changed shared type is
 * found in the schema by its place in the document, and what the transaction
 * created in it is checked, so an edit costs the size of what it made, not of the
 * room. The document's roots must have been typed (typeRoomRoots) before it.
 */
export function findChangedProblem(doc: Y.Doc, transaction: Y.Transaction): DocProblem | null {
  const fresh: Fresh = (item) => item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0);
  for (const [type, keys] of transaction.changed) {
    const found = stepsTo(type);
    if (!found) continue;
    const name = rootName(doc, found.root);
    let node: SchemaNode | undefined = ROOM_DOC_SCHEMA[name as RootName];
    const segments: Segment[] = [name];
    if (!node) return { path: name, message: "is not a part of a room document" };
    let parent = found.root;
    for (const step of found.steps) {
      if (node.kind === "value") return { path: pathText(segments), message: "must be a plain value, not a shared type" };
      if (node.kind === "list") {
        if (step.key !== null) return { path: pathText(segments), message: `must be ${containerKind(node)}` };
        segments.push(indexIn(parent as Y.Array<unknown>, step.type));
        node = node.item;
      } else {
        if (step.key === null) return { path: pathText(segments), message: `must be ${containerKind(node)}` };
        segments.push(node.kind === "record" ? step.key.slice(0, 12) : step.key);
        node = node.kind === "record" ? node.value : node.fields[step.key];
        if (!node) return { path: pathText(segments), message: "is not a field of this schema" };
      }
      parent = step.type;
    }
    // Content a reader never sees (map entries on a list, list items on a map) is refused too.
    if (node.kind !== "value") {
      const listWanted = node.kind === "list";
      if ([...keys].some((key) => (key === null) !== listWanted)) return { path: pathText(segments), message: `must be ${containerKind(node)}` };
    }
    const problem = problemIn(node, type, segments, fresh);
    if (problem) return problem;
  }
  return null;
}
