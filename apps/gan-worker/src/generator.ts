import type { FrameRecipe } from "@umbra/latent";

/** One frame's pixels: RGB, 8 bits a channel, row-major. */
export interface RgbFrame {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** A model the worker can render: built in, or a user model loaded from disk. */
export interface Generator {
  readonly id: string;
  readonly latentSize: number;
  readonly snapshots: readonly string[];
  /** Renders recipes (all for this model) to RGB, in the order given. */
  render(recipes: readonly FrameRecipe[]): Promise<RgbFrame[]>;
  /** Multiply-adds ×2 the network spends on one frame of this size, where known: for efficiency figures. */
  flopsPerFrame?(width: number, height: number): number;
}
