import { describe, expect, it } from "vitest";
import { shadowsFromRgb } from "./shadows.js";

describe("shadowsFromRgb (Marrow's rule)", () => {
  it("matches hand-computed OpenCV gray values around the threshold of 50", () => {
    // gray = (R*4899 + G*9617 + B*1868 + 8192) >> 14
    const cases: [number, number, number, number][] = [
      [0, 0, 0, 255], // gray 0 → white
      [50, 50, 50, 255], // gray 50 → white (≤ threshold)
      [51, 51, 51, 0], // gray 51 → black
      [167, 0, 0, 255], // (167*4899 + 8192) >> 14 = 50 → white
      [168, 0, 0, 255], // 168*4899 = 823032; + 8192 = 831224; / 16384 = 50.73 → 50 → white
      [0, 86, 0, 255], // (86*9617 + 8192) >> 14 = 50 → white
      [0, 87, 0, 0], // (87*9617 + 8192) >> 14 = 51 → black
      [0, 0, 255, 255], // (255*1868 + 8192) >> 14 = 29 → white
      [255, 255, 255, 0], // 255 → black
    ];
    const rgb = new Uint8Array(cases.flatMap(([r, g, b]) => [r, g, b]));
    expect(Array.from(shadowsFromRgb(rgb))).toEqual(cases.map((c) => c[3]));
  });

  it("takes another threshold, and can leave the dark side black", () => {
    const rgb = new Uint8Array([100, 100, 100, 101, 101, 101, 169, 0, 0]); // grays 100, 101, 51
    expect(Array.from(shadowsFromRgb(rgb, { threshold: 100, invert: true }))).toEqual([255, 0, 255]);
    expect(Array.from(shadowsFromRgb(rgb, { threshold: 100, invert: false }))).toEqual([0, 255, 0]);
    expect(Array.from(shadowsFromRgb(rgb, { threshold: 50, invert: false }))).toEqual([255, 255, 255]);
  });
});
