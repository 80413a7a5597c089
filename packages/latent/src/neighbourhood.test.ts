import { describe, expect, it } from "vitest";
import { latentFromSeed } from "./latent-vector.js";
import { perturbLatent } from "./neighbourhood.js";

describe("perturbLatent", () => {
  const center = latentFromSeed(42, 512);

  it("moves by strength × a seeded normal direction, the same for the same seed", () => {
    const near = perturbLatent(center, 7, 0.2);
    const direction = latentFromSeed(7, 512);
    near.forEach((v, i) => expect(v).toBeCloseTo(center[i]! + 0.2 * direction[i]!, 6));
    expect(perturbLatent(center, 7, 0.2)).toEqual(near);
    expect(perturbLatent(center, 8, 0.2)).not.toEqual(near);
  });

  it("stays near the center for small strengths and leaves it unchanged at 0", () => {
    const distance = (a: Float32Array, b: Float32Array) => Math.hypot(...a.map((v, i) => v - b[i]!));
    const norm = Math.hypot(...center);
    expect(distance(perturbLatent(center, 3, 0.1), center) / norm).toBeLessThan(0.15);
    expect(perturbLatent(center, 3, 0)).toEqual(center);
  });
});
