import { z } from "zod";
import { MAX_SEED } from "./prng.js";
import type { LatentRef } from "./recipe.js";
import { MAX_STYLE_LAYERS, STYLE_LAYER_GROUPS, type StyleMix } from "./style-mix.js";

/** Longest explicit latent accepted anywhere: far above any StyleGAN latent (512). */
export const MAX_LATENT_NUMBERS = 16384;

export const seedSchema = z.number().int().min(0).max(MAX_SEED);

/** Bytes that a padded base64 string decodes to. */
function base64Bytes(text: string): number {
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** Little-endian float32 numbers as padded base64 (see encodeLatentBase64): a whole number of them, at least one. */
export const latentVectorSchema = z
  .string()
  .max(Math.ceil((MAX_LATENT_NUMBERS * 4) / 3 / 4) * 4, `is longer than ${MAX_LATENT_NUMBERS} numbers`)
  .regex(/^(?:[A-Za-z0-9+/]{4})+(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, "must be base64")
  .refine((text) => base64Bytes(text) % 4 === 0, "must hold a whole number of float32 values");

/** A latent point: a seed, an explicit z vector, or a w. One schema for recipes, documents and files. */
export const latentRefSchema: z.ZodType<LatentRef> = z.union([
  z.object({ seed: seedSchema }).strict(),
  z.object({ vector: latentVectorSchema }).strict(),
  z.object({ w: latentVectorSchema }).strict(),
]);

const styleLayer = z.number().int().min(0).max(MAX_STYLE_LAYERS - 1);

/** Style mixing: another latent and the layers that take their w from it. Recipes and documents share it. */
export const styleMixSchema: z.ZodType<StyleMix> = z
  .object({
    latent: latentRefSchema,
    layers: z.union([
      z.enum(STYLE_LAYER_GROUPS),
      z
        .object({ first: styleLayer, last: styleLayer })
        .strict()
        .refine((range) => range.first <= range.last, "the first layer comes before the last"),
    ]),
  })
  .strict();
