/**
 * Marrow's "shadows" view: RGB to grayscale with OpenCV's integer BT.601 weights
 * (cv2.cvtColor RGB2GRAY), then an inverted binary threshold (cv2.THRESH_BINARY_INV):
 * gray <= threshold becomes white (255), anything brighter black (0).
 */
export const SHADOWS_THRESHOLD = 50;

export function shadowsFromRgb(rgb: Uint8Array, threshold = SHADOWS_THRESHOLD): Uint8Array {
  const out = new Uint8Array(rgb.length / 3);
  for (let p = 0, i = 0; p < out.length; p++, i += 3) {
    // OpenCV: (R*4899 + G*9617 + B*1868 + 2^13) >> 14, weights 0.299/0.587/0.114 in Q14.
    const gray = (rgb[i]! * 4899 + rgb[i + 1]! * 9617 + rgb[i + 2]! * 1868 + 8192) >> 14;
    out[p] = gray <= threshold ? 255 : 0;
  }
  return out;
}
