import { describe, expect, it } from "vitest";
import { encodeLatentBase64, latentFromSeed, type FrameRecipe } from "@umbra/latent";
import { createRoomBodySchema, frameReadySchema, frameRecipeSchema, frameRequestSchema, validate } from "./index.js";

const recipe: FrameRecipe = {
  model: "builtin/cppn",
  snapshot: "default",
  from: { seed: 1 },
  to: { vector: encodeLatentBase64(latentFromSeed(2, 512)) },
  t: 0.5,
  interpolation: "lerp",
  truncation: 0.7,
  noiseSeed: 0,
  view: "shadows",
  width: 256,
  height: 128,
};

describe("frame recipe schema", () => {
  it("accepts a full recipe with seed and vector endpoints", () => {
    expect(frameRecipeSchema.parse(recipe)).toEqual(recipe);
  });

  it.each([
    ["t above 1", { t: 1.5 }, "t"],
    ["a fractional seed", { from: { seed: 1.5 } }, "from"],
    ["a negative noise seed", { noiseSeed: -1 }, "noiseSeed"],
    ["an unknown view", { view: "sepia" }, "view"],
    ["a size over 1024", { width: 4096 }, "width"],
    ["a size under 16", { height: 8 }, "height"],
    ["an unknown interpolation", { interpolation: "cubic" }, "interpolation"],
    ["an extra field", { extra: true }, ""],
    ["a non-base64 vector", { to: { vector: "###" } }, "to"],
  ])("refuses %s and names the field", (_label, change, field) => {
    const result = validate(frameRecipeSchema, { ...recipe, ...change }, "recipe");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("VALIDATION_FAILED");
      expect(result.error.message).toMatch(/^invalid recipe: /);
      if (field) expect(result.error.issues!.some((i) => i.startsWith(field))).toBe(true);
    }
  });
});

describe("event and body schemas", () => {
  it("frame:request needs a room and a recipe", () => {
    expect(validate(frameRequestSchema, { roomId: "r", recipe }, "frame:request").ok).toBe(true);
    const missing = validate(frameRequestSchema, { recipe }, "frame:request");
    expect(!missing.ok && missing.error.issues).toEqual(["roomId: Invalid input: expected string, received undefined"]);
  });

  it("frame:ready accepts Buffer (Node) and ArrayBuffer (browser) bytes as Uint8Array", () => {
    const frame = { roomId: "r", hash: "h", recipe, mime: "image/jpeg", width: 256, height: 128, renderMs: 3, backend: { name: "wasm", source: "x", detail: "y" }, shared: true };
    const fromBuffer = frameReadySchema.parse({ ...frame, bytes: Buffer.from([1, 2, 3]) });
    const fromArrayBuffer = frameReadySchema.parse({ ...frame, bytes: new Uint8Array([1, 2, 3]).buffer });
    expect(Array.from(fromBuffer.bytes)).toEqual([1, 2, 3]);
    expect(fromArrayBuffer.bytes).toBeInstanceOf(Uint8Array);
    expect(Array.from(fromArrayBuffer.bytes)).toEqual([1, 2, 3]);
    expect(frameReadySchema.safeParse({ ...frame, bytes: "AQID" }).success).toBe(false);
  });

  it("room names are trimmed, required and bounded", () => {
    expect(createRoomBodySchema.parse({ name: "  Shot 12 " })).toEqual({ name: "Shot 12" });
    expect(createRoomBodySchema.safeParse({ name: "   " }).success).toBe(false);
    expect(createRoomBodySchema.safeParse({ name: "x".repeat(81) }).success).toBe(false);
    expect(createRoomBodySchema.safeParse({ name: "ok", admin: true }).success).toBe(false);
  });
});
