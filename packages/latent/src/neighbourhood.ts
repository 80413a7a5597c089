import { latentFromSeed, type LatentVector } from "./latent-vector.js";

/**
 * A latent nudged in a seeded random direction: center + strength · ε, with ε a
 * standard normal vector from `seed`. Strength 0.1–0.5 keeps the image recognisably
 * the same while changing details; 1 is as far as a fresh latent is from the origin.
 */
export function perturbLatent(center: LatentVector, seed: number, strength: number): LatentVector {
  const direction = latentFromSeed(seed, center.length);
  return center.map((v, i) => v + strength * direction[i]!);
}
