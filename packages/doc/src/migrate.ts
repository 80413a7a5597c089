import type * as Y from "yjs";
import { DOC_SCHEMA_VERSION } from "./schema.js";

/** Steps that bring a document from version n to n + 1. Version 0 is an unversioned (new) document. */
const MIGRATIONS: Record<number, (doc: Y.Doc) => void> = {
  0: (doc) => doc.getMap("meta").set("schemaVersion", 1),
  // v2 only adds kinds of value (w latents, style mixes): every v1 value reads as before,
  // and the stamp tells a v1 reader that it may meet values it cannot show.
  1: (doc) => doc.getMap("meta").set("schemaVersion", 2),
};

export type MigrationOutcome = { ok: true; from: number; to: number } | { ok: false; message: string };

/**
 * Brings a room document to DOC_SCHEMA_VERSION in one transaction. A document
 * from a newer Umbra is left alone and reported, so an old client never rewrites it.
 */
export function migrateRoomDoc(doc: Y.Doc, origin: unknown = null): MigrationOutcome {
  const stored = doc.getMap("meta").get("schemaVersion");
  const from = typeof stored === "number" ? stored : 0;
  if (from > DOC_SCHEMA_VERSION) {
    return { ok: false, message: `this room was saved by a newer Umbra (document v${from}; this one reads v${DOC_SCHEMA_VERSION}); reload to update` };
  }
  doc.transact(() => {
    for (let v = from; v < DOC_SCHEMA_VERSION; v++) MIGRATIONS[v]!(doc);
  }, origin);
  return { ok: true, from, to: DOC_SCHEMA_VERSION };
}
