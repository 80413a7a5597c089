import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { decodeLatentBase64, encodeLatentBase64, lerp, latentFromSeed, slerp, type LatentVector } from "./latent-vector.js";
import type { StyleMix } from "./style-mix.js";

/** A point in the model's input space z: drawn from a seed, or given explicitly (base64 little-endian float32). */
export type ZLatentRef = { seed: number } | { vector: string };
/**
 * A latent endpoint: a z, or a point in w (base64 float32, untruncated) for models with
 * a mapping network; directions and nudges live in w.
 */
export type LatentRef = ZLatentRef | { w: string };

export function isWLatent(ref: LatentRef): ref is { w: string } {
  return "w" in ref;
}

export const INTERPOLATIONS = ["lerp", "slerp"] as const;
export type Interpolation = (typeof INTERPOLATIONS)[number];

export const VIEWS = ["color", "shadows"] as const;
export type FrameView = (typeof VIEWS)[number];

export const MIN_FRAME_SIZE = 16;
export const MAX_FRAME_SIZE = 1024;

/**
 * Everything that decides a frame's pixels. The same recipe always renders the same
 * image, so its hash is the frame's identity for caches, dedupe, comments and exports.
 */
export interface FrameRecipe {
  /** Generator id in the worker's model registry, e.g. "builtin/cppn". */
  model: string;
  /** Training snapshot (checkpoint) of that model. */
  snapshot: string;
  from: LatentRef;
  to: LatentRef;
  /** Style mixing at each end: some layers take their w from another latent (models with per-layer styles only). */
  fromMix?: StyleMix;
  toMix?: StyleMix;
  /** Position between from (0) and to (1), after easing. */
  t: number;
  interpolation: Interpolation;
  /** Truncation ψ: 1 keeps the latent, 0 collapses it to the model's mean. */
  truncation: number;
  noiseSeed: number;
  view: FrameView;
  /** How the shadows view thresholds; absent means Marrow's rule (MARROW_SHADOWS). Only for view "shadows". */
  shadows?: ShadowsSettings;
  width: number;
  height: number;
  /**
   * How the frame's bytes carry its pixels: absent is a JPEG (previews: small and quick),
   * "png" is lossless, the generator's pixels exactly (exports). The two are different
   * pixels, so they are different recipes; frames without it keep the hashes they had.
   */
  encoding?: "png";
}

/** The shadows view: gray at or below `threshold` is one side, brighter the other; `invert` puts the dark side white. */
export interface ShadowsSettings {
  /** 0..255 on OpenCV's gray scale. */
  threshold: number;
  invert: boolean;
}

/** Marrow's rule: cv2.THRESH_BINARY_INV at 50, so gray ≤ 50 is white and everything else black. */
export const MARROW_SHADOWS: ShadowsSettings = { threshold: 50, invert: true };

/** The size of a preview frame, and of frames the foundation renders. */
export const DEFAULT_FRAME_SIZE = 256;

/**
 * A new frame of one seed, with Umbra's defaults: snapshot "default", slerp, Marrow's
 * truncation ψ = 0.7, noise seed 0, the color view, 256×256. Overrides change any field.
 */
export function seedFrameRecipe(model: string, seed: number, overrides: Partial<FrameRecipe> = {}): FrameRecipe {
  return {
    model,
    snapshot: "default",
    from: { seed },
    to: { seed },
    t: 0,
    interpolation: "slerp",
    truncation: 0.7,
    noiseSeed: 0,
    view: "color",
    width: DEFAULT_FRAME_SIZE,
    height: DEFAULT_FRAME_SIZE,
    ...overrides,
  };
}

/** The z a latent names, of `size` numbers; a w latent has none (it lies past the mapping network). */
export function resolveLatent(ref: LatentRef, size: number): LatentVector {
  if ("seed" in ref) return latentFromSeed(ref.seed, size);
  if (isWLatent(ref)) throw new RangeError("a w latent needs a model with a mapping network that takes w; this model takes only z");
  return decodedOfSize(ref.vector, size, "latent vector");
}

/** A w latent's numbers, checked against the model's w size. */
export function resolveW(ref: { w: string }, size: number): LatentVector {
  return decodedOfSize(ref.w, size, "w latent");
}

function decodedOfSize(base64: string, size: number, what: string): LatentVector {
  const vector = decodeLatentBase64(base64);
  if (vector.length !== size) throw new RangeError(`${what} has ${vector.length} numbers, the model needs ${size}`);
  return vector;
}

/**
 * Whether a recipe's frame is found in w rather than z: an end is a w latent, or an end
 * mixes styles. Such frames interpolate linearly in w, layer by layer, as StyleGAN does.
 */
export function recipeNeedsW(recipe: FrameRecipe): boolean {
  return isWLatent(recipe.from) || (recipe.t > 0 && isWLatent(recipe.to)) || recipe.fromMix !== undefined || (recipe.t > 0 && recipe.toMix !== undefined);
}

/** The z a recipe points at: its endpoints resolved and interpolated at t. Throws for frames found in w (recipeNeedsW). */
export function recipeLatent(recipe: FrameRecipe, size: number): LatentVector {
  if (recipe.fromMix || (recipe.t > 0 && recipe.toMix)) throw new RangeError("style mixing needs a model with per-layer styles; this one has a single input");
  const from = resolveLatent(recipe.from, size);
  if (recipe.t === 0) return from;
  const to = resolveLatent(recipe.to, size);
  return (recipe.interpolation === "slerp" ? slerp : lerp)(from, to, recipe.t);
}

/**
 * What one keyframe must hold to show this frame: the source end (with its mix) at
 * t = 0; else the interpolated z; else, between two w ends without mixes, the
 * interpolated w. Null where no single latent holds the frame without the model
 * (a z joined to a w, or a mix in between): the caller says so.
 */
export function frameKeyframeLatent(recipe: FrameRecipe, zSize: number): { latent: LatentRef; mix?: StyleMix } | null {
  if (recipe.t === 0) return recipe.fromMix ? { latent: recipe.from, mix: recipe.fromMix } : { latent: recipe.from };
  if (!recipeNeedsW(recipe)) return { latent: { vector: encodeLatentBase64(recipeLatent(recipe, zSize)) } };
  if (recipe.fromMix || recipe.toMix || !isWLatent(recipe.from) || !isWLatent(recipe.to)) return null;
  const from = decodeLatentBase64(recipe.from.w);
  return { latent: { w: encodeLatentBase64(lerp(from, resolveW(recipe.to, from.length), recipe.t)) } };
}

/** JSON with object keys sorted at every level and -0 written as 0: one text per value. */
export function canonicalJson(value: unknown): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`cannot hash a non-finite number: ${value}`);
    return JSON.stringify(Object.is(value, -0) ? 0 : value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The frame's identity: SHA-256 (hex) of the recipe's canonical JSON. */
export function recipeHash(recipe: FrameRecipe): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(recipe))));
}

/** A recipe as an image: on a keyframe (t = 0) the destination does not show, so it does not count. */
export function imageHash(recipe: FrameRecipe): string {
  return recipeHash(recipe.t === 0 ? { ...recipe, to: recipe.from } : recipe);
}

/**
 * What a review note keeps of its pinned recipe to tell, later, whether the frame at
 * its anchor still shows the same image: how it was drawn, and the start of its
 * image hash (64 bits: plenty to tell two frames of one room apart, and small
 * enough to send for every note of a room).
 */
export interface PinnedLook {
  image: string;
  model: string;
  view: FrameView;
  shadows?: ShadowsSettings;
  width: number;
  height: number;
}

export const PINNED_IMAGE_CHARS = 16;

export function pinnedLook(recipe: FrameRecipe): PinnedLook {
  return {
    image: imageHash(recipe).slice(0, PINNED_IMAGE_CHARS),
    model: recipe.model,
    view: recipe.view,
    ...(recipe.shadows ? { shadows: recipe.shadows } : {}),
    width: recipe.width,
    height: recipe.height,
  };
}
