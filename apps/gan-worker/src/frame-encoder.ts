import sharp from "sharp";
import type { FrameRecipe } from "@umbra/latent";
import type { RgbFrame } from "./generator.js";
import { shadowsFromRgb } from "./shadows.js";

export const JPEG_QUALITY = 90;

/** Applies the recipe's view (and its shadows settings) and encodes the frame as JPEG. */
export async function encodeFrame(frame: RgbFrame, recipe: Pick<FrameRecipe, "view" | "shadows">): Promise<Uint8Array> {
  const shadows = recipe.view === "shadows";
  const pixels = shadows ? shadowsFromRgb(frame.pixels, recipe.shadows) : frame.pixels;
  const image = sharp(pixels, { raw: { width: frame.width, height: frame.height, channels: shadows ? 1 : 3 } });
  const jpeg = await (shadows ? image.toColourspace("b-w") : image)
    .jpeg({ quality: JPEG_QUALITY, chromaSubsampling: "4:4:4" })
    .toBuffer();
  return new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength);
}
