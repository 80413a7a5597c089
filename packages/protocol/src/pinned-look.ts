import { z } from "zod";
import { PINNED_IMAGE_CHARS, VIEWS, type PinnedLook } from "@umbra/latent";

export const pinnedLookSchema: z.ZodType<PinnedLook> = z
  .object({
    image: z.string().regex(new RegExp(`^[0-9a-f]{${PINNED_IMAGE_CHARS}}$`), "the start of an image hash, in hex"),
    model: z.string().min(1).max(200),
    view: z.enum(VIEWS),
    shadows: z.object({ threshold: z.number().int().min(0).max(255), invert: z.boolean() }).strict().optional(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  })
  .strict();
