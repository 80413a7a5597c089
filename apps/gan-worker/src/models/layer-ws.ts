import { isWLatent, lerp, recipeLatent, recipeNeedsW, resolveLatent, resolveW, type FrameRecipe, type LatentRef, type StyleLayers, type StyleMix } from "@umbra/latent";

export interface LayerWsModel {
  zSize: number;
  wSize: number;
  /** How many w the synthesis network takes, one per style layer. */
  layers: number;
  /** The layers a mix names; throws, saying why, for layers the model lacks (all of them, where it takes one w). */
  mixedLayers(layers: StyleLayers): number[];
  /** The mapping network: `count` z rows in, their untruncated w rows out. */
  mapZ(rows: Float32Array, count: number): Promise<Float32Array>;
}

/** Where an end's w comes from: a row of the mapped z, or a w given outright. */
type WSource = { row: number } | { w: Float32Array };
interface EndPlan {
  base: WSource;
  mix: { source: WSource; layers: ReadonlySet<number> } | null;
}
type FramePlan = { row: number } | { from: EndPlan; to: EndPlan | null; t: number };

/**
 * Each recipe's untruncated w for every style layer, [recipes, layers, wSize] row-major.
 * A frame found in z (no w end, no mix) maps its interpolated z, so it keeps the pixels
 * it always had; a frame found in w takes each end's w, layer by layer from its mix where
 * the mix names the layer, and moves linearly between them. Every z is mapped in one batch.
 */
export async function layerWs(model: LayerWsModel, recipes: readonly FrameRecipe[]): Promise<Float32Array> {
  const { zSize, wSize, layers } = model;
  const zRows: Float32Array[] = [];
  const source = (ref: LatentRef): WSource => (isWLatent(ref) ? { w: resolveW(ref, wSize) } : { row: zRows.push(resolveLatent(ref, zSize)) - 1 });
  const end = (ref: LatentRef, mix: StyleMix | undefined): EndPlan => ({
    base: source(ref),
    mix: mix ? { layers: new Set(model.mixedLayers(mix.layers)), source: source(mix.latent) } : null,
  });
  const plans = recipes.map((recipe): FramePlan => {
    if (!recipeNeedsW(recipe)) return { row: zRows.push(recipeLatent(recipe, zSize)) - 1 };
    return { from: end(recipe.from, recipe.fromMix), to: recipe.t > 0 ? end(recipe.to, recipe.toMix) : null, t: recipe.t };
  });
  const zBatch = new Float32Array(zRows.length * zSize);
  zRows.forEach((z, i) => zBatch.set(z, i * zSize));
  const mapped = zRows.length > 0 ? await model.mapZ(zBatch, zRows.length) : new Float32Array(0);
  const wOf = (s: WSource) => ("w" in s ? s.w : mapped.subarray(s.row * wSize, (s.row + 1) * wSize));
  const endW = (e: EndPlan, layer: number) => wOf(e.mix?.layers.has(layer) ? e.mix.source : e.base);

  const out = new Float32Array(recipes.length * layers * wSize);
  plans.forEach((plan, i) => {
    for (let layer = 0; layer < layers; layer++) {
      const at = (i * layers + layer) * wSize;
      if ("row" in plan) out.set(wOf(plan), at);
      else out.set(plan.to ? lerp(endW(plan.from, layer), endW(plan.to, layer), plan.t) : endW(plan.from, layer), at);
    }
  });
  return out;
}
