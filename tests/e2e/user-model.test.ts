// A team's own model in the browser: chosen when the room is made, rendered in the
// studio, and switched to another snapshot with the chain's snapshot picker.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc, frameRecipeAt } from "@umbra/doc";
import { recipeHash } from "@umbra/latent";
import { chooseBackend } from "@umbra/gan-worker";
import { writeLayersFixture } from "../support/model-fixtures.js";
import { SCREENSHOTS as shots, startStudio, type Studio } from "../support/studio.js";
import { connectDoc } from "../support/yjs-client.js";

describe("a user model in the studio", () => {
  let studio: Studio;
  let dir: string;
  beforeAll(async () => {
    // Building the fixture runs tfjs: choose its backend first, as the worker would.
    await chooseBackend("wasm", () => {});
    dir = await mkdtemp(join(tmpdir(), "umbra-e2e-models-"));
    await writeLayersFixture(join(dir, "faces"));
    studio = await startStudio({ kind: "pglite", open: true, modelsDir: dir });
  });
  afterAll(async () => {
    await studio?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("makes a room on the user model, renders its first snapshot, and switches to the other", async () => {
    const page = await (await studio.browser.newContext({ viewport: { width: 1360, height: 1000 } })).newPage();
    await page.goto(studio.web.url);
    await page.getByLabel("New room").fill("Our faces");
    await page.getByLabel("Model").selectOption("user/faces");
    await page.getByRole("button", { name: "Create room" }).click();
    await page.getByText("Model user/faces").waitFor();
    const roomId = new URL(page.url()).pathname.split("/").at(-1)!;
    await page.getByTestId("doc-status").getByText("Synced").waitFor();
    // The model's snapshots are known once a worker that has it is listed.
    await page.getByTestId("worker-status").getByText("wasm").waitFor();

    // A new chain starts on the model's first snapshot, and its frame renders.
    await page.getByRole("button", { name: "New chain" }).click();
    await page.getByRole("button", { name: "Add keyframe" }).click();
    const editor = connectDoc(studio.stack.collab.url, roomId, await studio.stack.api.realtimeToken(roomId));
    await editor.synced;
    const doc = new RoomDoc(editor.doc);
    await expect.poll(() => doc.chains()[0]?.keyframes.length).toBe(1);
    expect(doc.chains()[0]!.snapshot).toBe("early");
    const shownHash = () => page.getByTestId("frame").getAttribute("data-hash");
    await expect.poll(shownHash, { timeout: 15_000 }).toBe(recipeHash(frameRecipeAt(doc.chains()[0]!, 0, "user/faces", {})!));

    // The snapshot picker lists the model's snapshots; switching renders the other checkpoint.
    await page.getByLabel("Snapshot", { exact: true }).selectOption("late");
    await expect.poll(() => doc.chains()[0]!.snapshot).toBe("late");
    await expect.poll(shownHash, { timeout: 15_000 }).toBe(recipeHash(frameRecipeAt(doc.chains()[0]!, 0, "user/faces", {})!));
    await page.screenshot({ path: `${shots}user-model.png` });
    editor.destroy();
  });
});
