export { SeededRandom, MAX_SEED, assertSeed, portableLog } from "./prng.js";
export { latentFromSeed, lerp, slerp, encodeLatentBase64, decodeLatentBase64, type LatentVector } from "./latent-vector.js";
export { npyHeader, readNpy, writeNpy, NpyFormatError, type NpyArray, type NpyDtype } from "./npy.js";
export {
  recipeHash,
  seedFrameRecipe,
  DEFAULT_FRAME_SIZE,
  recipeLatent,
  resolveLatent,
  canonicalJson,
  INTERPOLATIONS,
  VIEWS,
  MIN_FRAME_SIZE,
  MAX_FRAME_SIZE,
  type FrameRecipe,
  type LatentRef,
  type Interpolation,
  type FrameView,
  type ShadowsSettings,
  MARROW_SHADOWS,
} from "./recipe.js";
export { MAX_LATENT_NUMBERS, latentRefSchema, latentVectorSchema, seedSchema } from "./latent-ref-schema.js";
export { EASINGS, ease, type Easing } from "./easing.js";
export { perturbLatent } from "./neighbourhood.js";
