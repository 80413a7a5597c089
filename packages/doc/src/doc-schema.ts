import { z } from "zod";
import { EASINGS, INTERPOLATIONS, MAX_SEED, latentRefSchema, styleMixSchema } from "@umbra/latent";
import {
  CHAIN_COLORS,
  DOC_SCHEMA_VERSION,
  FIRST_FRAME_CHOICES,
  FPS_CHOICES,
  MAX_CHAINS,
  MAX_ID_LENGTH,
  MAX_KEYFRAMES_PER_CHAIN,
  MAX_LABEL_LENGTH,
  MAX_SNAPSHOT_LENGTH,
  MAX_TIMECODE_START,
  MAX_TRANSITION_FRAMES,
  MAX_TRUNCATION,
} from "./schema.js";

/**
 * The room document's schema, written once. Each value knows what it allows (a zod
 * schema), the nearest allowed value for one it does not (`repair`, used by the
 * defensive reader and the server's repair of stored rooms), and sample values at
 * and past its edges (`samples`, from which tests generate valid and invalid edits).
 */
export interface ValueField<T = unknown> {
  readonly kind: "value";
  readonly schema: z.ZodType<T>;
  /** The key may be absent. */
  readonly optional: boolean;
  /** The nearest allowed value, or undefined when there is none and the entry must go. */
  repair(value: unknown): T | undefined;
  readonly samples: { readonly valid: readonly T[]; readonly invalid: readonly unknown[] };
}

/** A Y.Map with fixed keys. */
export interface MapNode {
  readonly kind: "map";
  readonly fields: Readonly<Record<string, ValueField | ContainerNode>>;
}

/** A Y.Map keyed by ids (transitions, keyed by their source keyframe's id). */
export interface RecordNode {
  readonly kind: "record";
  readonly key: ValueField<string>;
  readonly value: MapNode;
}

/** A Y.Array of Y.Maps. */
export interface ListNode {
  readonly kind: "list";
  readonly item: MapNode;
  readonly max: number;
}

export type ContainerNode = MapNode | RecordNode | ListNode;
export type SchemaNode = ValueField | ContainerNode;

function clampNumber(value: unknown, min: number, max: number, round: boolean): number | undefined {
  if (typeof value !== "number" || Number.isNaN(value)) return undefined;
  const n = round ? Math.round(value) : value;
  return Math.min(max, Math.max(min, n));
}

/** Things that are not a number of any kind: every number field refuses them. */
const NOT_NUMBERS = ["1", null, true, { n: 1 }] as const;

function wholeNumber(min: number, max: number, options: { optional?: boolean; fallback?: number } = {}): ValueField<number> {
  return {
    kind: "value",
    schema: z.number({ error: `must be a whole number from ${min} to ${max}` }).int(`must be a whole number from ${min} to ${max}`).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`),
    optional: options.optional ?? false,
    repair: (value) => clampNumber(value, min, max, true) ?? options.fallback,
    samples: { valid: [min, max], invalid: [min - 1, max + 1, min + 0.5, -5, 1e12, -1e300, Number.NaN, Number.POSITIVE_INFINITY, ...NOT_NUMBERS] },
  };
}

/** A number in [min, max], or null for "use the default". */
function optionalDecimal(min: number, max: number): ValueField<number | null> {
  return {
    kind: "value",
    schema: z.number({ error: `must be a number from ${min} to ${max}, or null` }).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`).nullable(),
    optional: true,
    repair: (value) => (value === null ? null : clampNumber(value, min, max, false)),
    samples: { valid: [min, max, (min + max) / 2, null], invalid: [min - 1, max + 1, -1e300, 1e300, Number.NaN, Number.NEGATIVE_INFINITY, "0.5", true] },
  };
}

function text(min: number, max: number, fallback?: string): ValueField<string> {
  return {
    kind: "value",
    schema: z.string({ error: `must be text of ${min} to ${max} characters` }).min(min, "must not be empty").max(max, `must be at most ${max} characters`),
    optional: false,
    // Too long is cut to length; anything else takes the fallback, if there is one.
    repair: (value) => (typeof value === "string" && value.length >= min ? value.slice(0, max) : fallback),
    samples: { valid: ["x".repeat(min), "y".repeat(max)], invalid: ["z".repeat(max + 1), "", 42, { text: "a" }, null] },
  };
}

/** Text that may also be null or absent (a keyframe's label). */
function optionalText(max: number): ValueField<string | null> {
  return {
    kind: "value",
    schema: z.string({ error: `must be text of 1 to ${max} characters, or null` }).min(1, "must not be empty (null means none)").max(max, `must be at most ${max} characters`).nullable(),
    optional: true,
    repair: (value) => (typeof value === "string" && value.length > 0 ? value.slice(0, max) : null),
    samples: { valid: ["x", "y".repeat(max), null], invalid: ["z".repeat(max + 1), "", 42, ["a"]] },
  };
}

const COLOUR = /^#[0-9a-fA-F]{6}$/;

function colour(fallback: string): ValueField<string> {
  return {
    kind: "value",
    schema: z.string({ error: "must be a colour like #a497f9" }).regex(COLOUR, "must be a colour like #a497f9"),
    optional: false,
    repair: (value) => (typeof value === "string" && COLOUR.test(value) ? value : fallback),
    samples: { valid: ["#000000", "#FFFFFF"], invalid: ["red", "#12345", "#1234567", "#gggggg", 0xffffff, null] },
  };
}

function choice<T extends string | number>(values: readonly T[], fallback: T, options: { optional?: boolean } = {}): ValueField<T> {
  const allowed = new Set<unknown>(values);
  return {
    kind: "value",
    schema: z.custom<T>((value) => allowed.has(value), { error: `must be one of ${values.join(", ")}` }),
    optional: options.optional ?? false,
    repair: (value) => {
      if (allowed.has(value)) return value as T;
      // A number among numeric choices becomes the nearest choice (fps 1e9 → 30).
      if (typeof value === "number" && !Number.isNaN(value) && typeof fallback === "number") {
        return (values as readonly number[]).reduce((best, v) => (Math.abs(v - value) < Math.abs(best - value) ? v : best)) as T;
      }
      return options.optional ? undefined : fallback;
    },
    samples: { valid: values, invalid: ["bogus", 7, -1, 1e9, null, ...(typeof fallback === "number" ? [String(fallback)] : [])] },
  };
}

function plain<T>(schema: z.ZodType<T>, samples: ValueField<T>["samples"], options: { optional?: boolean } = {}): ValueField<T> {
  return { kind: "value", schema, optional: options.optional ?? false, repair: () => undefined, samples };
}

const id = text(1, MAX_ID_LENGTH);

const latent = plain(latentRefSchema, {
  valid: [{ seed: 0 }, { seed: MAX_SEED }, { vector: "AACAPw==" }, { w: "AACAPw==" }],
  invalid: [{ seed: -1 }, { seed: 1.5 }, { seed: MAX_SEED + 1 }, { vector: "###" }, { vector: "AAAA" }, { vector: "" }, { vector: 12 }, { seed: 1, vector: "AACAPw==" }, { w: "AAAA" }, { w: 3 }, {}, "seed 5", 5, null],
});

/** A keyframe's style mix; absent when it mixes nothing. */
const mix = plain(
  styleMixSchema,
  {
    valid: [{ latent: { seed: 3 }, layers: "coarse" }, { latent: { w: "AACAPw==" }, layers: { first: 0, last: 63 } }],
    invalid: [{ latent: { seed: 3 }, layers: "everything" }, { latent: { seed: 3 }, layers: { first: 5, last: 2 } }, { latent: { seed: -3 }, layers: "fine" }, { layers: "fine" }, "coarse", null],
  },
  { optional: true },
);

export const TRANSITION_NODE: MapNode = {
  kind: "map",
  fields: {
    frames: wholeNumber(1, MAX_TRANSITION_FRAMES, { optional: true }),
    interpolation: choice(INTERPOLATIONS, INTERPOLATIONS[0], { optional: true }),
    easing: choice(EASINGS, EASINGS[0], { optional: true }),
    truncation: optionalDecimal(0, MAX_TRUNCATION),
  },
};

export const KEYFRAME_NODE: MapNode = {
  kind: "map",
  fields: { id, label: optionalText(MAX_LABEL_LENGTH), latent, mix },
};

export const CHAIN_NODE: MapNode = {
  kind: "map",
  fields: {
    id,
    name: text(1, MAX_LABEL_LENGTH, "Chain"),
    color: colour(CHAIN_COLORS[0]),
    snapshot: text(1, MAX_SNAPSHOT_LENGTH, "default"),
    fps: choice(FPS_CHOICES, 24),
    keyframes: { kind: "list", item: KEYFRAME_NODE, max: MAX_KEYFRAMES_PER_CHAIN },
    transitions: { kind: "record", key: id, value: TRANSITION_NODE },
  },
};

/** What collab-server wrote when it repaired a stored room: owners are told once. */
export interface RepairRecord {
  removed: number;
  corrected: number;
  /** ISO time of the repair; identifies the notice. */
  at: string;
}

const repairRecordSchema: z.ZodType<RepairRecord> = z
  .object({ removed: z.number().int().min(0).max(1e9), corrected: z.number().int().min(0).max(1e9), at: z.string().max(40) })
  .strict();

export const META_NODE: MapNode = {
  kind: "map",
  fields: {
    // Absent on a document nobody has edited yet: the first client's migration stamps it.
    schemaVersion: wholeNumber(1, DOC_SCHEMA_VERSION, { optional: true, fallback: DOC_SCHEMA_VERSION }),
    repaired: plain(
      repairRecordSchema,
      { valid: [{ removed: 1, corrected: 0, at: "2026-11-25T00:00:00.000Z" }], invalid: [{ removed: -1, corrected: 0, at: "x" }, "yes", 3] },
      { optional: true },
    ),
    // The room's default ψ: transitions without their own use it.
    truncation: optionalDecimal(0, MAX_TRUNCATION),
    // How the room counts frames (room settings); absent means DEFAULT_FRAME_NUMBERING.
    firstFrame: choice(FIRST_FRAME_CHOICES, 1, { optional: true }),
    timecodeStart: wholeNumber(0, MAX_TIMECODE_START, { optional: true }),
  },
};

/** The document's shared types by name: nothing else may exist at the top level. */
export const ROOM_DOC_SCHEMA = {
  chains: { kind: "list", item: CHAIN_NODE, max: MAX_CHAINS } as ListNode,
  meta: META_NODE,
} as const;

export type RootName = keyof typeof ROOM_DOC_SCHEMA;
