import { MARROW_SHADOWS, type ShadowsSettings } from "@umbra/latent";

/**
 * The shadows view, one function for the live view and for export: RGB to
 * grayscale with OpenCV's integer BT.601 weights (cv2.cvtColor RGB2GRAY), then a
 * binary threshold. Marrow's rule is the default: inverted (cv2.THRESH_BINARY_INV)
 * at 50, so gray <= 50 becomes white (255) and anything brighter black (0).
 * Without inversion, gray > threshold is white.
 */
export function shadowsFromRgb(rgb: Uint8Array, settings: ShadowsSettings = MARROW_SHADOWS): Uint8Array {
  const { threshold, invert } = settings;
  const out = new Uint8Array(rgb.length / 3);
  for (let p = 0, i = 0; p < out.length; p++, i += 3) {
    // OpenCV: (R*4899 + G*9617 + B*1868 + 2^13) >> 14, weights 0.299/0.587/0.114 in Q14.
    const gray = (rgb[i]! * 4899 + rgb[i + 1]! * 9617 + rgb[i + 2]! * 1868 + 8192) >> 14;
    out[p] = gray <= threshold === invert ? 255 : 0;
  }
  return out;
}
