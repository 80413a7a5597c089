import * as Y from "yjs";
import { judgeValue, liveItems, pathText, type Segment, type SharedType } from "./doc-check.js";
import { ROOM_DOC_SCHEMA, type ListNode, type MapNode, type RecordNode, type RepairRecord } from "./doc-schema.js";

/** What a repair changed: entries removed, values corrected, and a line for each. */
export interface RepairReport {
  removed: number;
  corrected: number;
  changes: string[];
}

/** Shown once to a room's owners after collab-server repaired it. */
export function repairNotice(record: RepairRecord): string {
  const entries = record.removed + record.corrected;
  const what = record.corrected === 0 ? "they were removed" : record.removed === 0 ? "they were corrected" : `${record.removed} were removed and ${record.corrected} corrected`;
  return `This room had ${entries} invalid ${entries === 1 ? "entry" : "entries"}; ${what}.`;
}

class Repair {
  readonly report: RepairReport = { removed: 0, corrected: 0, changes: [] };

  constructor(private readonly transaction: Y.Transaction) {}

  removed(segments: Segment[], why: string): void {
    this.report.removed++;
    this.report.changes.push(`removed ${pathText(segments)} (${why})`);
  }

  corrected(segments: Segment[], from: unknown, to: unknown): void {
    this.report.corrected++;
    this.report.changes.push(`corrected ${pathText(segments)}: ${preview(from)} → ${preview(to)}`);
  }

  /** Fixes a map in place; false when it cannot be kept (a required entry is missing or beyond repair). */
  map(node: MapNode, map: Y.Map<unknown>, segments: Segment[]): boolean {
    for (const key of [...map.keys()]) {
      if (key in node.fields) continue;
      map.delete(key);
      this.removed([...segments, key], "not a field of this schema");
    }
    for (const [key, field] of Object.entries(node.fields)) {
      const at = [...segments, key];
      const present = map.has(key);
      const value = map.get(key);
      if (field.kind === "value") {
        if (!present && field.optional) continue;
        const verdict = judgeValue(field, value);
        if (verdict.action === "keep") continue;
        if (verdict.action === "replace") {
          map.set(key, verdict.value);
          this.corrected(at, present ? value : "(missing)", verdict.value);
        } else if (field.optional) {
          map.delete(key);
          this.removed(at, verdict.problem);
        } else {
          return false;
        }
      } else if (field.kind === "list") {
        if (!(value instanceof Y.Array)) return false;
        this.list(field, value as Y.Array<unknown>, at);
      } else if (field.kind === "record") {
        if (!(value instanceof Y.Map)) return false;
        this.record(field, value as Y.Map<unknown>, at);
      } else if (!(value instanceof Y.Map) || !this.map(field, value as Y.Map<unknown>, at)) {
        return false;
      }
    }
    return true;
  }

  list(node: ListNode, list: Y.Array<unknown>, segments: Segment[]): void {
    // Backwards, so deleting an entry leaves the indices still to visit unchanged.
    for (let i = list.length - 1; i >= 0; i--) {
      const item = list.get(i);
      const keep = i < node.max && item instanceof Y.Map && this.map(node.item, item as Y.Map<unknown>, [...segments, i]);
      if (keep) continue;
      list.delete(i, 1);
      this.removed([...segments, i], i >= node.max ? `over the limit of ${node.max}` : "not a valid entry");
    }
  }

  record(node: RecordNode, record: Y.Map<unknown>, segments: Segment[]): void {
    for (const [key, value] of [...record.entries()]) {
      const at = [...segments, key.slice(0, 12)];
      const keyOk = judgeValue(node.key, key).action === "keep";
      if (keyOk && value instanceof Y.Map && this.map(node.value, value as Y.Map<unknown>, at)) continue;
      record.delete(key);
      this.removed(at, keyOk ? "not a valid entry" : "not a valid key");
    }
  }

  /** Deletes everything under a top-level name the schema does not know. */
  unknownRoot(name: string, type: SharedType): void {
    const items = liveItems(type);
    for (const item of items) item.delete(this.transaction);
    if (items.length > 0) this.removed([name], "not a part of a room document");
  }
}

function preview(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 24 ? `${value.slice(0, 24)}…` : value);
  if (typeof value === "number" || value === null || value === undefined || typeof value === "boolean") return String(value);
  return value instanceof Y.AbstractType ? "a shared type" : "an object";
}

/**
 * Brings a document that breaks the schema (stored before updates were checked)
 * back into it, in one transaction with `origin`: entries beyond repair are
 * removed, out-of-range values set to the nearest allowed one (the same rule the
 * reader follows), and `meta.repaired` records it for the owners' notice. A
 * document that follows the schema is left untouched.
 */
export function repairRoomDoc(doc: Y.Doc, origin: unknown, now: Date): RepairReport {
  let report: RepairReport = { removed: 0, corrected: 0, changes: [] };
  doc.transact((transaction) => {
    const repair = new Repair(transaction);
    for (const [name, type] of doc.share) if (!(name in ROOM_DOC_SCHEMA)) repair.unknownRoot(name, type);
    repair.list(ROOM_DOC_SCHEMA.chains, doc.getArray("chains"), ["chains"]);
    const meta = doc.getMap("meta");
    repair.map(ROOM_DOC_SCHEMA.meta, meta, ["meta"]);
    report = repair.report;
    if (report.changes.length > 0) meta.set("repaired", { removed: report.removed, corrected: report.corrected, at: now.toISOString() } satisfies RepairRecord);
  }, origin);
  return report;
}
