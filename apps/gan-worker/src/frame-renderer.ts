import type { FrameRecipe } from "@umbra/latent";
import type { FrameMime } from "@umbra/protocol";
import { encodeFrame } from "./frame-encoder.js";
import type { RgbFrame } from "./generator.js";
import { indicesBy } from "./indices-by.js";
import type { ModelRegistry } from "./model-registry.js";

export interface EncodedFrame {
  bytes: Uint8Array;
  mime: FrameMime;
  width: number;
  height: number;
  /** This frame's share of its batch's generator time, plus its own encoding. */
  renderMs: number;
}

/** One recipe's outcome: its frame, or why it could not be rendered. */
export type RenderOutcome = { ok: true; frame: EncodedFrame } | { ok: false; error: Error };

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * Recipes → encoded frames (JPEG, or PNG where the recipe asks), one outcome per recipe in order: the worker's whole job.
 * Recipes of one model render as one batch. When a batch throws, its recipes are
 * tried one by one, so one bad recipe fails alone.
 *
 * Resolves once the generator is done with the recipes (its work holds the thread),
 * with their encoding (in sharp's threads) still under way in `encoded`, so the next
 * batch's generator can start meanwhile.
 */
export async function generateBatch(registry: ModelRegistry, recipes: readonly FrameRecipe[]): Promise<{ encoded: Promise<RenderOutcome[]> }> {
  const outcomes = new Array<RenderOutcome>(recipes.length);
  const encodings: Promise<void>[] = [];
  for (const [model, indices] of indicesBy(recipes, (r) => r.model)) {
    const started = performance.now();
    let frames: (RgbFrame | Error)[];
    try {
      frames = await registry.get(model).render(indices.map((i) => recipes[i]!));
    } catch (batchError) {
      frames = indices.length === 1 ? [asError(batchError)] : await renderOneByOne(registry, indices.map((i) => recipes[i]!));
    }
    const generatorMs = (performance.now() - started) / indices.length;
    encodings.push(
      ...indices.map(async (index, k) => {
        const frame = frames[k]!;
        if (frame instanceof Error) {
          outcomes[index] = { ok: false, error: frame };
          return;
        }
        const encodeStart = performance.now();
        try {
          const { bytes, mime } = await encodeFrame(frame, recipes[index]!);
          outcomes[index] = { ok: true, frame: { bytes, mime, width: frame.width, height: frame.height, renderMs: generatorMs + performance.now() - encodeStart } };
        } catch (error) {
          outcomes[index] = { ok: false, error: asError(error) };
        }
      }),
    );
  }
  return { encoded: Promise.all(encodings).then(() => outcomes) };
}

async function renderOneByOne(registry: ModelRegistry, recipes: FrameRecipe[]): Promise<(RgbFrame | Error)[]> {
  const frames: (RgbFrame | Error)[] = [];
  for (const recipe of recipes) {
    try {
      frames.push((await registry.get(recipe.model).render([recipe]))[0]!);
    } catch (error) {
      frames.push(asError(error));
    }
  }
  return frames;
}
