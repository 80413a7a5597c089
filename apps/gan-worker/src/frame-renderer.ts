import type { FrameRecipe } from "@umbra/latent";
import { encodeFrame } from "./frame-encoder.js";
import type { ModelRegistry } from "./model-registry.js";

export interface EncodedFrame {
  bytes: Uint8Array;
  width: number;
  height: number;
  /** Generator and encoder time for this frame. */
  renderMs: number;
}

/** Recipe → JPEG bytes: the worker's whole job for one frame. */
export async function renderFrame(registry: ModelRegistry, recipe: FrameRecipe): Promise<EncodedFrame> {
  const started = performance.now();
  const [frame] = await registry.get(recipe.model).render([recipe]);
  const bytes = await encodeFrame(frame!, recipe);
  return { bytes, width: frame!.width, height: frame!.height, renderMs: performance.now() - started };
}
