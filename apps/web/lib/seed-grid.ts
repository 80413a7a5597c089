import { decodeLatentBase64, encodeLatentBase64, isWLatent, perturbLatent, resolveLatent, type LatentRef } from "@umbra/latent";

/** Cells in the seed browser: 4 × 4. */
export const GRID_CELLS = 16;
/** Where the neighbourhood's perturbation seeds start: away from the seeds people type. */
const NEIGHBOUR_SEED_BASE = 0x6e_0000;

/** What the seed browser shows: random seeds, a run of seeds, or the neighbourhood of a latent. */
export type SeedGridSource =
  | { kind: "random"; seeds: number[] }
  | { kind: "sequential"; start: number }
  | { kind: "around"; center: LatentRef; strength: number; page: number };

/** The grid's latents in order. In a neighbourhood the first cell is the center itself. */
export function gridLatents(source: SeedGridSource, latentSize: number): LatentRef[] {
  if (source.kind === "random") return source.seeds.map((seed) => ({ seed }));
  if (source.kind === "sequential") return Array.from({ length: GRID_CELLS }, (_, i) => ({ seed: source.start + i }));
  // Around a w (a nudged keyframe) the neighbours are w too.
  const inW = isWLatent(source.center);
  const center = isWLatent(source.center) ? decodeLatentBase64(source.center.w) : resolveLatent(source.center, latentSize);
  return [
    source.center,
    ...Array.from({ length: GRID_CELLS - 1 }, (_, i): LatentRef => {
      const neighbour = encodeLatentBase64(perturbLatent(center, NEIGHBOUR_SEED_BASE + source.page * GRID_CELLS + i, source.strength));
      return inW ? { w: neighbour } : { vector: neighbour };
    }),
  ];
}

/** A short name for a latent: its seed, "vector" or "w". */
export function latentName(latent: LatentRef): string {
  return "seed" in latent ? `seed ${latent.seed}` : "w" in latent ? "w" : "vector";
}
