import { z } from "zod";
import { INTERPOLATIONS, MAX_FRAME_SIZE, MAX_SEED, MIN_FRAME_SIZE, VIEWS, type FrameRecipe, type LatentRef } from "@umbra/latent";

export const seedSchema = z.number().int().min(0).max(MAX_SEED);

export const latentRefSchema: z.ZodType<LatentRef> = z.union([
  z.object({ seed: seedSchema }).strict(),
  // 4 bytes per float32; 16384 numbers is far above any StyleGAN latent.
  z.object({ vector: z.string().min(4).max(Math.ceil((16384 * 4) / 3) * 4).regex(/^[A-Za-z0-9+/]+={0,2}$/, "must be base64") }).strict(),
]);

const frameSize = z.number().int().min(MIN_FRAME_SIZE).max(MAX_FRAME_SIZE);

export const frameRecipeSchema: z.ZodType<FrameRecipe> = z
  .object({
    model: z.string().min(1).max(200),
    snapshot: z.string().min(1).max(200),
    from: latentRefSchema,
    to: latentRefSchema,
    t: z.number().min(0).max(1),
    interpolation: z.enum(INTERPOLATIONS),
    truncation: z.number().min(0).max(2),
    noiseSeed: seedSchema,
    view: z.enum(VIEWS),
    shadows: z.object({ threshold: z.number().int().min(0).max(255), invert: z.boolean() }).strict().optional(),
    width: frameSize,
    height: frameSize,
  })
  .strict();
