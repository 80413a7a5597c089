// Accounts basics in the browser: the owner changes a member's role and the member's
// open studio follows at once; an admin makes a password reset link that the member
// opens to set a new password; a signed-in person changes their own. Real Chromium,
// the built web app, collab-server and a worker, on PGlite.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionSchema } from "@umbra/protocol";
import { ApiClient } from "../support/api.js";
import { SCREENSHOTS as shots, startStudio, type Studio } from "../support/studio.js";

const PASSWORD = "a long enough password";
const ADMIN = `boss-${process.pid}`;
const MEMBER = `animator-${process.pid}`;

async function signIn(page: Page, url: string, login: string, password: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByLabel("Name").fill(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("signed-in-as").waitFor();
}

describe("accounts in the browser", () => {
  let studio: Studio;
  let admin: Page;
  let member: Page;
  let roomId: string;

  beforeAll(async () => {
    studio = await startStudio({ kind: "pglite", admins: [ADMIN] });
    const url = studio.stack.collab.url;
    const signUp = async (login: string) => new ApiClient(url, sessionSchema.parse(await new ApiClient(url).expect(201, "POST", "/api/auth/signup", { login, password: PASSWORD })));
    const owner = await signUp(ADMIN);
    const animator = await signUp(MEMBER);
    roomId = (await owner.createRoom("Shot 14")).id;
    const { secret } = await owner.expect(201, "POST", `/api/rooms/${roomId}/links`, { role: "viewer" });
    await animator.expect(200, "POST", `/api/invites/${secret}/accept`);
    admin = await (await studio.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    member = await (await studio.browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
    await signIn(admin, studio.web.url, ADMIN, PASSWORD);
    await signIn(member, studio.web.url, MEMBER, PASSWORD);
  });
  afterAll(() => studio?.close());

  it("moves an open studio to the role the owner gives, at once", async () => {
    await member.goto(`${studio.web.url}/rooms/${roomId}`);
    await member.getByTestId("doc-status").getByText("Synced").waitFor();
    expect(await member.getByRole("button", { name: "Add keyframe" }).isDisabled()).toBe(true);

    await admin.goto(`${studio.web.url}/rooms/${roomId}`);
    await admin.getByRole("button", { name: "Share" }).click();
    await admin.getByLabel(`Role of ${MEMBER}`).selectOption("editor");
    await member.getByRole("status").getByText("The owner made you an editor in this room.").waitFor({ timeout: 15_000 });
    await expect.poll(() => member.getByRole("button", { name: "Add keyframe" }).isDisabled(), { timeout: 15_000 }).toBe(false);
    await member.getByTestId("doc-status").getByText("Synced").waitFor({ timeout: 15_000 });
    // The document took the editor back: an edit from this browser reaches the owner's.
    await member.getByRole("button", { name: "Add keyframe" }).click();
    await expect.poll(() => admin.getByTestId("keyframe").count(), { timeout: 15_000 }).toBe(1);
    await member.screenshot({ path: `${shots}accounts-1-role-changed.png` });
  });

  it("lets an admin make a reset link that sets the member's new password, and the member change it again", async () => {
    await admin.goto(`${studio.web.url}/account`);
    await admin.getByLabel("Their sign-in name").fill(MEMBER);
    await admin.getByRole("button", { name: "Make a link" }).click();
    const link = await admin.getByLabel("Reset link", { exact: true }).inputValue();
    expect(link).toMatch(new RegExp(`^${studio.web.url}/reset/[A-Za-z0-9_-]{32}$`));
    await admin.screenshot({ path: `${shots}accounts-2-reset-link.png` });

    await member.goto(link);
    await member.getByRole("heading", { name: `A new password for ${MEMBER}` }).waitFor();
    await member.getByLabel("New password", { exact: true }).fill("a brand new password");
    await member.getByLabel("New password again").fill("a brand new password");
    await member.screenshot({ path: `${shots}accounts-3-reset-page.png` });
    await member.getByRole("button", { name: "Set password" }).click();
    await member.getByRole("status").getByText(/Your new password is set/).waitFor();
    await signIn(member, studio.web.url, MEMBER, "a brand new password");

    await member.goto(`${studio.web.url}/account`);
    await member.getByLabel("Current password").fill("a brand new password");
    await member.getByLabel("New password", { exact: true }).fill("yet another password");
    await member.getByLabel("New password again").fill("yet another password");
    await member.getByRole("button", { name: "Change password" }).click();
    await member.getByRole("status").getByText(/Your password is changed/).waitFor();
    // Not an admin: no reset links for them.
    expect(await member.getByRole("form", { name: "Password reset link" }).count()).toBe(0);
    await member.screenshot({ path: `${shots}accounts-4-changed.png` });
    expect((await new ApiClient(studio.stack.collab.url).call("POST", "/api/auth/login", { login: MEMBER, password: "yet another password" })).status).toBe(200);
  });
});
