import sharp from "sharp";
import type { FrameRecipe } from "@umbra/latent";
import type { FrameMime } from "@umbra/protocol";
import type { RgbFrame } from "./generator.js";
import { shadowsFromRgb } from "./shadows.js";

export const JPEG_QUALITY = 90;

/** A frame's pixels after the recipe's view: RGB, or one gray channel for Shadows. */
export function viewPixels(frame: RgbFrame, recipe: Pick<FrameRecipe, "view" | "shadows">): { pixels: Uint8Array; channels: 1 | 3 } {
  return recipe.view === "shadows" ? { pixels: shadowsFromRgb(frame.pixels, recipe.shadows), channels: 1 } : { pixels: frame.pixels, channels: 3 };
}

/**
 * Applies the recipe's view (and its shadows settings) and encodes the frame: JPEG
 * for previews, or PNG, lossless, when the recipe asks (exports).
 */
export async function encodeFrame(frame: RgbFrame, recipe: Pick<FrameRecipe, "view" | "shadows" | "encoding">): Promise<{ bytes: Uint8Array; mime: FrameMime }> {
  const { pixels, channels } = viewPixels(frame, recipe);
  const raw = sharp(pixels, { raw: { width: frame.width, height: frame.height, channels } });
  const image = channels === 1 ? raw.toColourspace("b-w") : raw;
  const png = recipe.encoding === "png";
  const encoded = await (png ? image.png({ compressionLevel: 6 }) : image.jpeg({ quality: JPEG_QUALITY, chromaSubsampling: "4:4:4" })).toBuffer();
  return { bytes: new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength), mime: png ? "image/png" : "image/jpeg" };
}
