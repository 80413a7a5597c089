import { z } from "zod";
import { INTERPOLATIONS, MAX_FRAME_SIZE, MIN_FRAME_SIZE, VIEWS, latentRefSchema, seedSchema, styleMixSchema, type FrameRecipe } from "@umbra/latent";

/** What a frame's bytes are: JPEG for previews, PNG for a recipe with `encoding: "png"`. */
export const frameMimeSchema = z.enum(["image/jpeg", "image/png"]);
export type FrameMime = z.infer<typeof frameMimeSchema>;

const frameSize = z.number().int().min(MIN_FRAME_SIZE).max(MAX_FRAME_SIZE);

export const frameRecipeSchema: z.ZodType<FrameRecipe> = z
  .object({
    model: z.string().min(1).max(200),
    snapshot: z.string().min(1).max(200),
    from: latentRefSchema,
    to: latentRefSchema,
    fromMix: styleMixSchema.optional(),
    toMix: styleMixSchema.optional(),
    t: z.number().min(0).max(1),
    interpolation: z.enum(INTERPOLATIONS),
    truncation: z.number().min(0).max(2),
    noiseSeed: seedSchema,
    view: z.enum(VIEWS),
    shadows: z.object({ threshold: z.number().int().min(0).max(255), invert: z.boolean() }).strict().optional(),
    width: frameSize,
    height: frameSize,
    encoding: z.literal("png").optional(),
  })
  .strict();
