import type { LatentRef } from "./recipe.js";

/**
 * StyleGAN's layer groups by resolution: coarse (4²–8²: pose, head shape), middle
 * (16²–32²: features, hair), fine (64² and up: colour, texture).
 */
export const STYLE_LAYER_GROUPS = ["coarse", "middle", "fine"] as const;
export type StyleLayerGroup = (typeof STYLE_LAYER_GROUPS)[number];

/** A named group, or layers `first`..`last` (inclusive, 0 at the coarsest). */
export type StyleLayers = StyleLayerGroup | { first: number; last: number };

/** Most style layers any model may have: bounds every loop over explicit layers. */
export const MAX_STYLE_LAYERS = 64;

/** Style mixing: the layers in `layers` take their w from `latent` instead of the frame's own. */
export interface StyleMix {
  latent: LatentRef;
  layers: StyleLayers;
}

function inGroup(group: StyleLayerGroup, resolution: number): boolean {
  if (group === "coarse") return resolution <= 8;
  if (group === "middle") return resolution >= 16 && resolution <= 32;
  return resolution >= 64;
}

/**
 * The indices of the style layers that `layers` names, for a model whose style layers
 * run at `resolutions` (coarsest first). Throws, saying why, for layers the model lacks.
 */
export function styleLayerIndices(layers: StyleLayers, resolutions: readonly number[]): number[] {
  if (typeof layers === "string") {
    const picked = resolutions.flatMap((resolution, i) => (inGroup(layers, resolution) ? [i] : []));
    if (picked.length === 0) throw new RangeError(`this model has no ${layers} style layers`);
    return picked;
  }
  const { first, last } = layers;
  if (!(Number.isInteger(first) && Number.isInteger(last) && first >= 0 && first <= last && last < resolutions.length)) {
    throw new RangeError(`this model has ${resolutions.length} style layers (0–${resolutions.length - 1}); layers ${first}–${last} are not among them`);
  }
  return Array.from({ length: last - first + 1 }, (_, k) => first + k);
}

/** How a person reads a layer choice: "coarse", "layers 2–5". */
export function describeStyleLayers(layers: StyleLayers): string {
  return typeof layers === "string" ? layers : layers.first === layers.last ? `layer ${layers.first}` : `layers ${layers.first}–${layers.last}`;
}
