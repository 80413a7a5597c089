import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latentFromSeed, recipeHash, seedFrameRecipe } from "@umbra/latent";
import { launchChromium } from "../support/browser.js";

// packages/latent as the browser gets it: one script exposing the package as `umbraLatent`.
async function latentBundle(): Promise<string> {
  const result = await build({
    entryPoints: [new URL("../../packages/latent/src/index.ts", import.meta.url).pathname],
    bundle: true,
    format: "iife",
    globalName: "umbraLatent",
    platform: "browser",
    write: false,
  });
  return result.outputFiles[0]!.text;
}

const recipe = seedFrameRecipe("builtin/cppn", 9, { to: { seed: 10 }, t: 0.125, noiseSeed: 3 });

describe("packages/latent in Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("draws the same latent bits and recipe hash as Node for the same seeds", async () => {
    const page = await browser.newPage();
    await page.addScriptTag({ content: await latentBundle() });
    const seeds = [0, 1, 2026, 4242, 0xffffffff];
    const inBrowser = await page.evaluate(
      ({ seeds, recipe }) => {
        const latent = (globalThis as unknown as { umbraLatent: typeof import("@umbra/latent") }).umbraLatent;
        return {
          latents: seeds.map((s) => Array.from(new Uint8Array(latent.latentFromSeed(s, 512).buffer))),
          hash: latent.recipeHash(recipe),
        };
      },
      { seeds, recipe },
    );
    for (const [i, seed] of seeds.entries()) {
      expect(Buffer.from(inBrowser.latents[i]!).equals(Buffer.from(latentFromSeed(seed, 512).buffer)), `seed ${seed}`).toBe(true);
    }
    expect(inBrowser.hash).toBe(recipeHash(recipe));
  });
});
