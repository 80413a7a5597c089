import { z } from "zod";
import { EASINGS, INTERPOLATIONS, encodeLatentBase64, isWLatent, latentRefSchema, resolveLatent, styleMixSchema, type LatentRef } from "@umbra/latent";
import type { RoomDoc } from "./room-doc.js";
import { FPS_CHOICES, MAX_KEYFRAMES_PER_CHAIN, MAX_LABEL_LENGTH, MAX_SNAPSHOT_LENGTH, MAX_TRANSITION_FRAMES, MAX_TRUNCATION, type Chain, type Fps } from "./schema.js";

/**
 * Umbra's own chain file: everything that decides a chain's frames (keyframes with
 * their seeds or vectors, transitions, snapshot, fps) and the model, versioned.
 * Importing it makes a chain whose every frame has the same recipe hash.
 */
export const CHAIN_FILE_VERSION = 1;

const transitionSchema = z
  .object({
    frames: z.number().int().min(1).max(MAX_TRANSITION_FRAMES),
    interpolation: z.enum(INTERPOLATIONS),
    easing: z.enum(EASINGS),
    truncation: z.number().min(0).max(MAX_TRUNCATION).nullable(),
  })
  .strict();

export const chainFileSchema = z
  .object({
    format: z.literal("umbra-chain"),
    version: z.literal(CHAIN_FILE_VERSION),
    model: z.string().min(1).max(200),
    chain: z
      .object({
        name: z.string().trim().min(1).max(MAX_LABEL_LENGTH),
        snapshot: z.string().min(1).max(MAX_SNAPSHOT_LENGTH),
        fps: z.union(FPS_CHOICES.map((fps) => z.literal(fps)) as [z.ZodLiteral<Fps>, ...z.ZodLiteral<Fps>[]]),
        keyframes: z
          .array(z.object({ label: z.string().trim().min(1).max(MAX_LABEL_LENGTH).nullable(), latent: latentRefSchema, mix: styleMixSchema.optional() }).strict())
          .min(1, "a chain file holds at least one keyframe")
          .max(MAX_KEYFRAMES_PER_CHAIN),
        transitions: z.array(transitionSchema).max(MAX_KEYFRAMES_PER_CHAIN),
      })
      .strict()
      .refine((c) => c.transitions.length === c.keyframes.length - 1, { message: "a chain has one transition fewer than keyframes", path: ["transitions"] }),
  })
  .strict();
export type ChainFile = z.infer<typeof chainFileSchema>;
export type ChainData = ChainFile["chain"];

/** The chain as a file. */
export function chainToFile(chain: Chain, model: string): ChainFile {
  return {
    format: "umbra-chain",
    version: CHAIN_FILE_VERSION,
    model,
    chain: {
      name: chain.name,
      snapshot: chain.snapshot,
      fps: chain.fps,
      keyframes: chain.keyframes.map((k) => ({ label: k.label, latent: k.latent, ...(k.mix ? { mix: k.mix } : {}) })),
      transitions: chain.transitions.slice(0, Math.max(0, chain.keyframes.length - 1)).map((t) => ({ ...t })),
    },
  };
}

/**
 * A name no chain of the room has: the name itself, else "Walk (imported)", then
 * "Walk (imported 2)" and on, so an import never reads as the chain it came from.
 */
export function distinctChainName(name: string, taken: readonly string[]): string {
  const names = new Set(taken);
  if (!names.has(name)) return name;
  // At most one more try than there are chains, so the loop is bounded by the room.
  for (let n = 1; n <= names.size + 1; n++) {
    const suffix = n === 1 ? " (imported)" : ` (imported ${n})`;
    const candidate = `${name.slice(0, MAX_LABEL_LENGTH - suffix.length)}${suffix}`;
    if (!names.has(candidate)) return candidate;
  }
  throw new Error("unreachable: more taken names than chains");
}

/** Adds the chain as a new chain of the room, in one undo step; returns its id. */
export function addChainData(room: RoomDoc, data: ChainData): string {
  let id = "";
  room.batch(() => {
    id = room.addChain({ name: data.name, snapshot: data.snapshot, fps: data.fps });
    const ids = data.keyframes.map((k) => room.addKeyframe(id, k.latent, { label: k.label, mix: k.mix })!);
    data.transitions.forEach((t, i) => room.setTransition(id, ids[i]!, t));
  });
  return id;
}

// ── Marrow ───────────────────────────────────────────────────────────────────────

/**
 * One of Marrow's saved animations: `info.json` (name, snapshot, steps) with
 * `source.npy` and `dest.npy`, each a float64 array of shape (1, latent size).
 * Umbra also writes the transition's interpolation, easing and ψ (`truncation`, null
 * for the room's) into `info.json`, and reads them back when there; Marrow ignores them.
 */
export interface MarrowAnimation {
  name: string;
  snapshot: string;
  steps: number;
  source: Float64Array;
  dest: Float64Array;
  interpolation?: (typeof INTERPOLATIONS)[number];
  easing?: (typeof EASINGS)[number];
  truncation?: number | null;
}

export const marrowInfoSchema = z.object({
  name: z.string().min(1).max(200),
  snapshot: z.string().min(1).max(MAX_SNAPSHOT_LENGTH),
  steps: z.number().int().min(1).max(MAX_TRANSITION_FRAMES),
  interpolation: z.enum(INTERPOLATIONS).optional(),
  easing: z.enum(EASINGS).optional(),
  truncation: z.number().min(0).max(MAX_TRUNCATION).nullable().optional(),
});

/** A chain as Marrow animations, one per transition, each destination the next one's source. */
export function chainToMarrow(chain: Chain, latentSize: number): MarrowAnimation[] {
  const inW = chain.keyframes.findIndex((k) => isWLatent(k.latent) || k.mix);
  if (inW >= 0) throw new RangeError(`keyframe ${inW + 1} is nudged in w or mixes styles, which Marrow's z files cannot hold; save the chain as Umbra JSON instead`);
  const vectors = chain.keyframes.map((k) => Float64Array.from(resolveLatent(k.latent, latentSize)));
  return chain.transitions.slice(0, Math.max(0, chain.keyframes.length - 1)).map((t, i) => ({
    name: `${chain.name} ${String(i + 1).padStart(3, "0")}`,
    snapshot: chain.snapshot,
    steps: t.frames,
    source: vectors[i]!,
    dest: vectors[i + 1]!,
    interpolation: t.interpolation,
    easing: t.easing,
    truncation: t.truncation,
  }));
}

/** Latents must be numbers a model can use: NaN or an infinity is refused, naming where. */
function checkFinite(values: ArrayLike<number>, where: string): void {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) throw new RangeError(`${where} holds ${values[i]} at index ${i}; latents must be finite numbers`);
}

const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => v === b[i]);
const vectorOf = (values: Float64Array): LatentRef => ({ vector: encodeLatentBase64(Float32Array.from(values)) });

/**
 * Marrow animations, in order, as one chain with explicit vector keyframes: where
 * an animation starts at the last one's destination (Marrow's chaining) they
 * share the keyframe; elsewhere the jump is a one-frame cut. Every keyframe is
 * labelled from the animations: each by the animation it starts, and a destination
 * no animation starts from as "<name> end".
 */
export function marrowToChain(animations: MarrowAnimation[], name: string, fps: Fps): ChainData {
  if (animations.length === 0) throw new RangeError("no Marrow animations to import");
  const keyframes: ChainData["keyframes"] = [];
  const transitions: ChainData["transitions"] = [];
  let last: Float64Array | null = null;
  for (const animation of animations) {
    checkFinite(animation.source, `${animation.name}/source.npy`);
    checkFinite(animation.dest, `${animation.name}/dest.npy`);
    const label = animation.name.slice(0, MAX_LABEL_LENGTH);
    if (last === null || !same(last, animation.source)) {
      if (last !== null) transitions.push({ frames: 1, interpolation: "lerp", easing: "linear", truncation: null });
      keyframes.push({ label, latent: vectorOf(animation.source) });
    } else keyframes[keyframes.length - 1]!.label = label;
    transitions.push({ frames: animation.steps, interpolation: animation.interpolation ?? "slerp", easing: animation.easing ?? "linear", truncation: animation.truncation ?? null });
    keyframes.push({ label: `${animation.name.slice(0, MAX_LABEL_LENGTH - 4)} end`, latent: vectorOf(animation.dest) });
    last = animation.dest;
  }
  if (keyframes.length > MAX_KEYFRAMES_PER_CHAIN) throw new RangeError(`the animations make ${keyframes.length} keyframes; a chain holds at most ${MAX_KEYFRAMES_PER_CHAIN}`);
  return { name: name.slice(0, MAX_LABEL_LENGTH), snapshot: animations[0]!.snapshot, fps, keyframes, transitions };
}

/** Rows of a (n, latent size) array as a chain of n keyframes, 60 frames apart. */
export function vectorsToChain(rows: Float32Array[] | Float64Array[], name: string, snapshot: string, fps: Fps): ChainData {
  if (rows.length === 0) throw new RangeError("the array has no rows");
  if (rows.length > MAX_KEYFRAMES_PER_CHAIN) throw new RangeError(`the array has ${rows.length} rows; a chain holds at most ${MAX_KEYFRAMES_PER_CHAIN} keyframes`);
  rows.forEach((row, i) => checkFinite(row, `row ${i}`));
  return {
    name: name.slice(0, MAX_LABEL_LENGTH),
    snapshot,
    fps,
    keyframes: rows.map((row) => ({ label: null, latent: { vector: encodeLatentBase64(Float32Array.from(row)) } })),
    transitions: rows.slice(1).map(() => ({ frames: 60, interpolation: "slerp" as const, easing: "linear" as const, truncation: null })),
  };
}
