export { SeededRandom, MAX_SEED, assertSeed, portableLog } from "./prng.js";
export { latentFromSeed, lerp, slerp, encodeLatentBase64, decodeLatentBase64, type LatentVector } from "./latent-vector.js";
export { npyHeader, readNpy, writeNpy, NpyFormatError, type NpyArray, type NpyDtype } from "./npy.js";
export {
  recipeHash,
  imageHash,
  pinnedLook,
  PINNED_IMAGE_CHARS,
  type PinnedLook,
  seedFrameRecipe,
  DEFAULT_FRAME_SIZE,
  recipeLatent,
  resolveLatent,
  resolveW,
  recipeNeedsW,
  frameKeyframeLatent,
  isWLatent,
  canonicalJson,
  INTERPOLATIONS,
  VIEWS,
  MIN_FRAME_SIZE,
  MAX_FRAME_SIZE,
  type FrameRecipe,
  type LatentRef,
  type ZLatentRef,
  type Interpolation,
  type FrameView,
  type ShadowsSettings,
  MARROW_SHADOWS,
} from "./recipe.js";
export { MAX_LATENT_NUMBERS, latentRefSchema, latentVectorSchema, seedSchema, styleMixSchema } from "./latent-ref-schema.js";
export { STYLE_LAYER_GROUPS, MAX_STYLE_LAYERS, styleLayerIndices, describeStyleLayers, type StyleLayerGroup, type StyleLayers, type StyleMix } from "./style-mix.js";
export {
  DIRECTION_COUNT,
  DIRECTION_SAMPLES,
  MAX_DIRECTION_AMOUNT,
  directionSampleZ,
  principalDirections,
  nudgeLatent,
  type LatentDirection,
} from "./latent-directions.js";
export { EASINGS, ease, type Easing } from "./easing.js";
export { perturbLatent } from "./neighbourhood.js";
