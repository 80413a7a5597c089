import { describe, expect, it } from "vitest";
import { exportEncoding } from "./export-pipeline.js";

describe("exportEncoding", () => {
  it("asks for lossless PNG frames where an animator works from them, and where they cost nothing", () => {
    expect([exportEncoding({ format: "png-zip", view: "color" }), exportEncoding({ format: "mp4", view: "shadows" })]).toEqual(["png", "png"]);
    // Motion JPEG holds JPEGs; per-frame w has no pixels.
    expect([exportEncoding({ format: "avi", view: "shadows" }), exportEncoding({ format: "w-npy", view: "color" })]).toEqual([undefined, undefined]);
    // Sharing formats: JPEG in colour (a twelfth of the memory), PNG in Shadows (smaller still, and no ringing at the edges).
    expect([exportEncoding({ format: "gif", view: "color" }), exportEncoding({ format: "webp", view: "shadows" })]).toEqual([undefined, "png"]);
  });
});
