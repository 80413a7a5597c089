import type { FrameRecipe } from "@umbra/latent";

export const PREVIEW_SIZE = 256;

/** The recipe for one seed's image: both endpoints on the seed, Marrow's ψ = 0.7. */
export function seedRecipe(model: string, seed: number): FrameRecipe {
  return {
    model,
    snapshot: "default",
    from: { seed },
    to: { seed },
    t: 0,
    interpolation: "slerp",
    truncation: 0.7,
    noiseSeed: 0,
    view: "color",
    width: PREVIEW_SIZE,
    height: PREVIEW_SIZE,
  };
}

export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
