import { z } from "zod";

/** A model a worker can render: its id, latent size and snapshots (checkpoints). */
export const modelInfoSchema = z.object({
  id: z.string(),
  latentSize: z.number().int().positive(),
  snapshots: z.array(z.string()).min(1),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

/** GET /api/models: every model some connected worker has, for choosing a room's model. */
export const modelListSchema = z.object({ models: z.array(modelInfoSchema) });
export type ModelList = z.infer<typeof modelListSchema>;
