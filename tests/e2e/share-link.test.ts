// The owner invites a viewer with a link; the viewer sees frames and cursors, cannot
// edit, and is shown out when the link is revoked. Real Chromium, real services.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recipeHash, seedFrameRecipe } from "@umbra/latent";
import { DEFAULT_MODEL } from "@umbra/protocol";
import { SCREENSHOTS as shots, startStudio, type Studio } from "../support/studio.js";

async function signUpIn(page: Page, login: string): Promise<void> {
  await page.getByRole("link", { name: /Create an account/ }).click();
  await page.getByRole("heading", { name: "Create your account" }).waitFor();
  await page.getByLabel("Name").fill(login);
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Moves the mouse to a point of the stage given in 0..1 units. */
async function pointAt(page: Page, x: number, y: number): Promise<void> {
  const box = (await page.getByTestId("presence-layer").boundingBox())!;
  await page.mouse.move(box.x + box.width * x, box.y + box.height * y, { steps: 4 });
}

describe("sharing a room with a viewer link", () => {
  let studio: Studio;

  beforeAll(async () => {
    studio = await startStudio({ kind: "pglite" });
  });
  afterAll(() => studio?.close());

  it("lets a viewer in through a link to watch frames and cursors, read-only, until the link is revoked", async () => {
    const owner = await (await studio.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const viewer = await (await studio.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();

    // Without a session the studio sends you to sign in.
    const first = await owner.goto(studio.web.url);
    expect(owner.url()).toMatch(/\/login/);
    const headers = first!.headers();
    expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    expect(headers["content-security-policy"]).toContain(`connect-src 'self' ${studio.stack.collab.url} ${studio.stack.collab.url.replace("http", "ws")}`);
    expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect([headers["x-frame-options"], headers["referrer-policy"], headers["x-content-type-options"]]).toEqual(["DENY", "no-referrer", "nosniff"]);
    await owner.screenshot({ path: `${shots}share-1-login.png` });

    await signUpIn(owner, "director");
    await owner.getByLabel("New room").fill("Shot 12");
    await owner.getByRole("button", { name: "Create room" }).click();
    await owner.waitForURL(/\/rooms\/[0-9a-f-]{36}$/);
    await owner.getByTestId("worker-status").getByText("wasm").waitFor();
    await owner.getByRole("tab", { name: "Seeds" }).click();
    await owner.getByLabel("Seed", { exact: true }).fill("4242");
    await owner.getByRole("button", { name: "Render" }).click();
    // A room made in the studio is on the default model.
    const hash = recipeHash(seedFrameRecipe(DEFAULT_MODEL, 4242));
    await expect.poll(() => owner.getByTestId("frame").getAttribute("data-hash"), { timeout: 15_000 }).toBe(hash);
    await owner.getByRole("button", { name: "Keyframe from playhead" }).click();
    await owner.getByTestId("filmstrip").getByText("seed 4242").waitFor();

    await owner.getByRole("button", { name: "Share" }).click();
    await owner.getByLabel("Role").selectOption("viewer");
    await owner.getByRole("button", { name: "Create link" }).click();
    const link = await owner.getByTestId("new-link").inputValue();
    expect(link).toMatch(new RegExp(`^${studio.web.url}/join/[A-Za-z0-9_-]{20,}$`));
    await owner.screenshot({ path: `${shots}share-2-owner-link.png` });

    // The viewer follows the link, makes an account, and joins.
    await viewer.goto(link);
    await viewer.getByText("You are invited to").waitFor();
    await viewer.screenshot({ path: `${shots}share-3-invite.png` });
    await signUpIn(viewer, "client");
    await viewer.waitForURL(/\/join\//);
    await viewer.getByRole("button", { name: "Join as client" }).click();
    await viewer.waitForURL(/\/rooms\/[0-9a-f-]{36}$/);

    // Sees the chain, read-only, and the frame at the playhead: keyframe 1, the seed the owner captured.
    await expect.poll(() => viewer.getByTestId("frame").getAttribute("data-hash"), { timeout: 15_000 }).toBe(hash);
    await viewer.getByTestId("filmstrip").getByText("seed 4242").waitFor();
    await viewer.getByTestId("read-only-note").waitFor();
    await expect.poll(() => viewer.getByRole("button", { name: "Add keyframe" }).isDisabled()).toBe(true);
    expect(await viewer.getByRole("button", { name: /Remove keyframe/ }).count()).toBe(0);
    expect(await viewer.getByRole("button", { name: "Share" }).count()).toBe(0);

    // Cursors flow both ways, named and placed on the same spot of the frame.
    await pointAt(owner, 0.3, 0.4);
    const ownerCursor = viewer.getByTestId("remote-cursor").filter({ hasText: "director" });
    await ownerCursor.waitFor({ timeout: 15_000 });
    const stage = (await viewer.getByTestId("presence-layer").boundingBox())!;
    const offset = async () => {
      const at = (await ownerCursor.boundingBox())!;
      return Math.max(Math.abs(at.x - (stage.x + stage.width * 0.3)), Math.abs(at.y - (stage.y + stage.height * 0.4)));
    };
    await expect.poll(offset, { timeout: 15_000 }).toBeLessThan(3);
    await pointAt(viewer, 0.7, 0.6);
    await owner.getByTestId("remote-cursor").filter({ hasText: "client" }).waitFor({ timeout: 15_000 });
    await viewer.screenshot({ path: `${shots}share-4-viewer.png` });
    // The open sharing panel keeps itself current: the owner sees who joined through the link.
    await owner.getByTestId("links").getByText("Joined through it: client").waitFor({ timeout: 10_000 });
    await owner.screenshot({ path: `${shots}share-5-owner-sees-viewer.png` });

    // The Notes tab tells a viewer what their role allows, rather than a key that does nothing for them.
    await viewer.getByRole("tab", { name: /^Notes/ }).click();
    await viewer.getByText("No notes here. As a viewer you read notes; commenters and up write them.").waitFor();
    expect(await viewer.getByText(/Press C to write one/).count()).toBe(0);

    // The viewer can still render seeds, as scratch frames; the owner sees them by following the viewer.
    await viewer.getByRole("tab", { name: "Seeds" }).click();
    await viewer.getByLabel("Seed", { exact: true }).fill("77");
    await viewer.getByRole("button", { name: "Render" }).click();
    const next = recipeHash(seedFrameRecipe(DEFAULT_MODEL, 77));
    await owner.getByRole("button", { name: "Follow client" }).click();
    await expect.poll(() => owner.getByTestId("frame").getAttribute("data-hash"), { timeout: 15_000 }).toBe(next);

    // Revoking the link shows the viewer out at once, saying why (not when their 10-minute token runs out).
    // It asks first, naming who goes with the link; backing out keeps them.
    await owner.getByTestId("links").getByRole("button", { name: "Revoke" }).click();
    await owner.getByRole("alertdialog").getByText(/client joined through it and loses access/).waitFor();
    await owner.screenshot({ path: `${shots}share-5b-revoke-asks.png` });
    await owner.getByRole("alertdialog").getByRole("button", { name: "Revoke and remove 1 member" }).click();
    await viewer.getByTestId("access-lost").getByText(/link you joined through was revoked/).waitFor({ timeout: 30_000 });
    await viewer.screenshot({ path: `${shots}share-6-revoked.png` });
    expect((await viewer.goto(viewer.url()))?.status()).toBe(404);
  });
});
