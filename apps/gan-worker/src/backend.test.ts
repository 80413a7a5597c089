import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { chooseBackend, parseBackendPreference } from "./backend.js";

describe("backend choice", () => {
  it("falls past the native backends it cannot load, logging why, and says which one runs", async () => {
    const lines: string[] = [];
    const info = await chooseBackend("auto", (line) => lines.push(line));
    expect(tf.getBackend()).toBe(info.name);
    if (info.name !== "tensorflow") {
      // Here tfjs-node(-gpu) cannot install: both are tried first and reported.
      expect(lines.some((l) => l.includes("@tensorflow/tfjs-node-gpu unavailable"))).toBe(true);
      expect(lines.some((l) => l.includes("@tensorflow/tfjs-node unavailable"))).toBe(true);
      expect(info).toMatchObject({ name: "wasm", source: "@tensorflow/tfjs-backend-wasm" });
      expect(info.detail).toMatch(/^SIMD, \d+ threads?$/);
    }
  });

  it("honours an explicit choice, the plain CPU backend included", async () => {
    expect(await chooseBackend("cpu", () => {})).toMatchObject({ name: "cpu", detail: "plain JavaScript" });
    expect(tf.getBackend()).toBe("cpu");
    expect((await chooseBackend("wasm", () => {})).name).toBe("wasm");
  });

  it("refuses an unknown UMBRA_BACKEND with the list of choices", () => {
    expect(parseBackendPreference(undefined)).toBe("auto");
    expect(() => parseBackendPreference("gpu")).toThrow(/one of auto, tfjs-node-gpu, tfjs-node, wasm, cpu; got "gpu"/);
  });
});
