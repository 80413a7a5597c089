import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recipeHash, seedFrameRecipe } from "@umbra/latent";
import { SCREENSHOTS as shots, startStudio, type Studio } from "../support/studio.js";

describe("two browsers in one room", () => {
  let studio: Studio;

  beforeAll(async () => {
    studio = await startStudio({ kind: "pglite", open: true });
  });
  afterAll(() => studio?.close());

  const frameIn = (page: Page) => page.getByTestId("frame");

  it("creates a room in one, and a frame asked for in one appears in both", async () => {
    const director = await (await studio.browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    const animator = await (await studio.browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();

    await director.goto(studio.web.url);
    await director.getByLabel("New room").fill("Shot 12");
    await director.getByRole("button", { name: "Create room" }).click();
    await director.waitForURL(/\/rooms\/[0-9a-f-]{36}$/);
    await expect.poll(() => director.getByRole("heading", { level: 1 }).innerText()).toBe("Shot 12");

    await animator.goto(director.url());
    for (const page of [director, animator]) {
      await page.getByTestId("worker-status").getByText("wasm").waitFor();
      await page.getByTestId("connection").getByText("Connected").waitFor();
    }

    await director.getByLabel("Seed", { exact: true }).fill("4242");
    await director.getByRole("button", { name: "Render" }).click();
    const hash = recipeHash(seedFrameRecipe("builtin/cppn", 4242));
    for (const page of [director, animator]) {
      await expect.poll(() => frameIn(page).getAttribute("data-hash"), { timeout: 10_000 }).toBe(hash);
      await expect.poll(() => frameIn(page).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(256);
      expect(await page.getByTestId("frame-seed").innerText()).toBe("4242");
      await expect.poll(() => page.getByLabel("Seed", { exact: true }).inputValue()).toBe("4242");
    }
    await director.screenshot({ path: `${shots}room-director.png` });
    await animator.screenshot({ path: `${shots}room-animator.png` });

    // Random in the animator's window moves both to a new, identical frame.
    await animator.getByRole("button", { name: "Random" }).click();
    await expect.poll(async () => (await frameIn(animator).getAttribute("data-hash")) !== hash, { timeout: 10_000 }).toBe(true);
    const next = await frameIn(animator).getAttribute("data-hash");
    await expect.poll(() => frameIn(director).getAttribute("data-hash"), { timeout: 10_000 }).toBe(next);
  });

  it("lists the room on the home page and shows a clear page for an unknown room", async () => {
    const page = await (await studio.browser.newContext()).newPage();
    await page.goto(studio.web.url);
    await page.getByRole("link", { name: /Shot 12/ }).waitFor();
    const response = await page.goto(`${studio.web.url}/rooms/00000000-0000-4000-8000-000000000000`);
    expect(response?.status()).toBe(404);
    await page.getByText("This room does not exist").waitFor();
  });
});
