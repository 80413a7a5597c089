import type { Keyframe } from "@umbra/doc";

/** How a keyframe is called: its label, its seed, or "vector" or "w" and the start of its thumbnail's recipe hash. */
export function keyframeName(keyframe: Keyframe, vectorTag: string): string {
  return keyframe.label ?? ("seed" in keyframe.latent ? `seed ${keyframe.latent.seed}` : `${"w" in keyframe.latent ? "w" : "vector"} ${vectorTag}`);
}
