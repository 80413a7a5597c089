import type { FrameRecipe, LatentDirection } from "@umbra/latent";
import type { StyleGroups } from "@umbra/protocol";

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
  /** Numbers in one w, for models with a mapping network. */
  readonly wSize?: number;
  /** Each recipe's w after truncation (what the synthesis network is given), for models with a mapping network. */
  mapLatents?(recipes: readonly FrameRecipe[]): Promise<Float32Array[]>;
  /** Resolution of each style layer, coarsest first, for models whose layers take w one by one (style mixing). */
  readonly styleLayers?: readonly number[];
  /** What its layer groups carry, in its manifest's words. */
  readonly styleGroups?: StyleGroups;
  /** A snapshot's top principal directions in w (GANSpace), for models with a mapping network. */
  latentDirections?(snapshot: string): Promise<LatentDirection[]>;
  /** Multiply-adds ×2 the network spends on one frame of this size, where known: for efficiency figures. */
  flopsPerFrame?(width: number, height: number): number;
}
