import { z } from "zod";
import { binarySchema } from "./binary.js";
import { signedAs } from "./comments.js";
import { resultSchema, type Result } from "./result.js";

/** How versions of a room are bounded and listed. */
export const VERSION_LIMITS = {
  nameLength: 80,
  noteLength: 2000,
  searchLength: 100,
  /** The most versions one list answer holds; older ones come with `before`. */
  page: 100,
} as const;

/**
 * Why a version was kept: after a pause in editing or half an hour of it (auto), saved
 * by an editor (named), or kept just before a restore or an import replaced the room.
 */
export const VERSION_KINDS = ["auto", "named", "before-restore", "before-import"] as const;
export const versionKindSchema = z.enum(VERSION_KINDS);
export type VersionKind = z.infer<typeof versionKindSchema>;

const person = z.object({ id: z.string(), name: z.string().max(60) }).strict();
export type VersionPerson = z.infer<typeof person>;

/** What a version held and what changed since the version before it (see documentSize and countChanges in @umbra/doc). */
export const versionSummarySchema = z
  .object({
    chains: z.number().int().min(0),
    keyframes: z.number().int().min(0),
    frames: z.number().int().min(0),
    changes: z
      .object({
        chainsAdded: z.number().int().min(0),
        chainsRemoved: z.number().int().min(0),
        keyframesAdded: z.number().int().min(0),
        keyframesRemoved: z.number().int().min(0),
        keyframesChanged: z.number().int().min(0),
        transitionsRetimed: z.number().int().min(0),
      })
      .strict(),
    /** The changes in words: "2 keyframes added, 1 transition re-timed". */
    text: z.string(),
  })
  .strict();
export type VersionSummary = z.infer<typeof versionSummarySchema>;

/** One entry of a room's History. */
export const roomVersionSchema = z
  .object({
    id: z.uuid(),
    kind: versionKindSchema,
    name: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.iso.datetime(),
    /** Who saved it; null for automatic versions. */
    savedBy: person.nullable(),
    /** Who edited the room since the version before it. */
    contributors: z.array(person),
    summary: versionSummarySchema,
    /** The size of its stored state. */
    bytes: z.number().int().min(0),
  })
  .strict();
export type RoomVersion = z.infer<typeof roomVersionSchema>;

const versionName = z.string().trim().min(1, "a version needs a name").max(VERSION_LIMITS.nameLength, `a version's name is at most ${VERSION_LIMITS.nameLength} characters`);
const versionId = z.uuid("that is not a version of this room");

/** versions:load: newest first, named ones only with `named`, matching `search` in name, note or summary; `before` pages back. */
export const versionsLoadSchema = z
  .object({
    named: z.boolean().optional(),
    search: z.string().trim().max(VERSION_LIMITS.searchLength).optional(),
    before: z.iso.datetime().optional(),
  })
  .strict();
export const versionsLoadAckSchema = resultSchema({ versions: z.array(roomVersionSchema).max(VERSION_LIMITS.page), more: z.boolean() });
export type VersionsLoadAck = Result<{ versions: RoomVersion[]; more: boolean }>;

/** version:save: "Save version…" (named), or what an editor's studio keeps just before it imports into the room. */
export const versionSaveSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("named"), name: versionName, note: z.string().trim().max(VERSION_LIMITS.noteLength, `a version's note is at most ${VERSION_LIMITS.noteLength} characters`).optional(), as: signedAs }).strict(),
  z.object({ kind: z.literal("before-import"), name: versionName, as: signedAs }).strict(),
]);
export type VersionSave = z.infer<typeof versionSaveSchema>;
export const versionAckSchema = resultSchema({ version: roomVersionSchema });
export type VersionAck = Result<{ version: RoomVersion }>;

/** version:state: a version's whole document, as one Yjs update, to preview, compare or restore from. */
export const versionStateSchema = z.object({ id: versionId }).strict();
export const versionStateAckSchema = resultSchema({ state: binarySchema });
export type VersionStateAck = Result<{ state: Uint8Array }>;

/**
 * version:restore: keeps the room as it is now as a version (before-restore) and answers
 * it; the restorer's studio then makes the room what the version was, as its own edit.
 */
export const versionRestoreSchema = z.object({ id: versionId, as: signedAs }).strict();

/** versions:changed: a version was kept (`saved`), or the owner deleted one (`deleted`). */
export const versionsChangedSchema = z.object({ saved: roomVersionSchema.optional(), deleted: z.uuid().optional() }).strict();
export type VersionsChanged = z.infer<typeof versionsChangedSchema>;

/** version:delete: the owner deletes a named version. */
export const versionDeleteSchema = z.object({ id: versionId }).strict();
export const versionDeleteAckSchema = resultSchema({});
export type VersionDeleteAck = Result<Record<string, never>>;
