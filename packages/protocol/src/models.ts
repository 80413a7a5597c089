import { z } from "zod";
import { MAX_STYLE_LAYERS } from "@umbra/latent";

/** The model of a new room that names none: the trained portraits (the CPPN stays available as "builtin/cppn"). */
export const DEFAULT_MODEL = "builtin/portraits";

/**
 * What each layer group carries on one model, in its own words (its manifest): on a
 * StyleGAN of faces coarse is pose, on Umbra's portraits it is skin tone.
 */
export const styleGroupsSchema = z.object({ coarse: z.string().min(1).max(120), middle: z.string().min(1).max(120), fine: z.string().min(1).max(120) }).strict();
export type StyleGroups = z.infer<typeof styleGroupsSchema>;

/** A model a worker can render: its id, latent size and snapshots (checkpoints). */
export const modelInfoSchema = z.object({
  id: z.string(),
  latentSize: z.number().int().positive(),
  snapshots: z.array(z.string()).min(1),
  /** Numbers in one w, for models with a mapping network (per-frame w exports); absent otherwise. */
  wSize: z.number().int().positive().optional(),
  /** Resolution of each style layer, coarsest first, for models that mix styles by layer; absent otherwise. */
  styleLayers: z.array(z.number().int().positive()).min(1).max(MAX_STYLE_LAYERS).optional(),
  /** What its coarse, middle and fine layers carry, where its manifest says. */
  styleGroups: styleGroupsSchema.optional(),
  /** The model finds latent directions in w (and takes w latents). */
  directions: z.boolean().optional(),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

/** GET /api/models: every model some connected worker has, for choosing a room's model. */
export const modelListSchema = z.object({ models: z.array(modelInfoSchema) });
export type ModelList = z.infer<typeof modelListSchema>;
