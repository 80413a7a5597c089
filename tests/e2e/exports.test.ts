// Exports in the studio with two people: A starts an MP4 of the chain, B watches it
// progress live in the Export tab, both download it, and ffprobe reads a playable H.264.
import { execFileSync, spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc } from "@umbra/doc";
import { SCREENSHOTS as shots, openTwoPages, startStudio, type Studio } from "../support/studio.js";
import { connectDoc, type DocClient } from "../support/yjs-client.js";

const hasFfprobe = spawnSync("ffprobe", ["-version"]).status === 0;

describe("exports in the studio", () => {
  let studio: Studio;
  let editor: DocClient;

  beforeAll(async () => {
    studio = await startStudio({ kind: "pglite", open: true });
  });
  afterAll(async () => {
    editor?.destroy();
    await studio?.close();
  });

  it("A starts an MP4 export, B sees it progress live, and both download the same playable file", async () => {
    const room = await studio.stack.api.createRoom("Exports");
    editor = connectDoc(studio.stack.collab.url, room.id, await studio.stack.api.realtimeToken(room.id));
    await editor.synced;
    const doc = new RoomDoc(editor.doc);
    const chainId = doc.addChain({ name: "Walk cycle", fps: 12 });
    const ids = [21, 22, 23].map((seed) => doc.addKeyframe(chainId, { seed })!);
    for (const id of ids.slice(0, 2)) doc.setTransition(chainId, id, { frames: 24 });

    const [a, b] = await openTwoPages(studio, room.id, 49, { width: 1440, height: 900 });
    for (const page of [a, b]) await page.getByRole("tab", { name: "Export", exact: true }).click();
    const panelA = a.getByTestId("export-panel");
    await panelA.getByLabel("Format").selectOption("mp4");
    await panelA.getByLabel("Size").selectOption("768");
    await a.screenshot({ path: `${shots}export-form.png` });
    await panelA.getByRole("button", { name: "Start export", exact: true }).click();

    // B's list shows the job moving, then finished, without reloading.
    const jobB = b.getByTestId("export-job").first();
    await jobB.getByRole("progressbar").and(b.locator("[aria-valuenow]:not([aria-valuenow='0'])")).waitFor({ timeout: 60_000 });
    await b.screenshot({ path: `${shots}export-progress.png` });
    await jobB.and(b.locator("[data-status='done']")).waitFor({ timeout: 120_000 });
    await jobB.getByText("Walk cycle").waitFor();
    await b.screenshot({ path: `${shots}export-done.png` });

    const downloads = [];
    for (const page of [a, b]) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-job").first().getByRole("link", { name: "Download" }).click()]);
      expect(download.suggestedFilename()).toBe("Walk_cycle_768px_12fps.mp4");
      downloads.push(await readFile((await download.path())!));
    }
    expect(downloads[0]!.equals(downloads[1]!)).toBe(true);
    if (hasFfprobe) {
      const probe = JSON.parse(
        execFileSync("ffprobe", ["-v", "error", "-count_frames", "-show_entries", "stream=codec_name,nb_read_frames,width", "-of", "json", "-i", "pipe:0"], { input: downloads[0] }).toString(),
      ).streams[0];
      expect(probe).toMatchObject({ codec_name: "h264", nb_read_frames: "49", width: 768 });
    }
  });
});
