// Playing a chain while someone follows. What must hold on any machine, however busy:
// the leader plays every frame in order and waits for frames rather than showing a
// wrong one; the follower moves only forward, shows only frames of the chain that the
// leader has already reached, and ends on the leader's frame. How far behind the
// follower is, and how many frames it skips to keep up, are figures in `npm run bench`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc, frameRecipeAt } from "@umbra/doc";
import { recipeHash } from "@umbra/latent";
import { compareFollow, openFollowSession, playheads, recordShownFrames, shownFrames, waitForFrame } from "../support/follow-playback.js";
import { SCREENSHOTS as shots, startStudio, type Studio } from "../support/studio.js";

const FRAMES = 48;

describe("playback with a follower", () => {
  let studio: Studio;
  const logs: string[] = [];
  beforeAll(async () => {
    // The worker in its own process, as in production: rendering must not stall the hub.
    studio = await startStudio({ kind: "pglite", open: true, withWorker: "process", log: (line) => logs.push(line) });
  });
  afterAll(() => studio?.close());

  it(`plays a ${FRAMES}-frame chain in order for leader and follower, compares frames A/B, and buffers rather than show a missing frame`, async () => {
    const { roomModel, chain, expected, leader, follower, editor } = await openFollowSession(studio, FRAMES);
    for (const page of [leader, follower]) await recordShownFrames(page);

    await leader.getByRole("button", { name: "Play", exact: true }).click();
    // Once round: frames 1..47, then back to 0.
    await expect.poll(async () => (await playheads(leader)).length, { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(FRAMES + 1);
    await leader.getByRole("button", { name: "Pause", exact: true }).click();
    // Both end on the same frame: the one the leader paused on.
    const paused = expected[Number(await leader.getByTestId("ruler").getAttribute("aria-valuenow"))]!;
    await waitForFrame(follower, paused);
    await leader.screenshot({ path: `${shots}playback-leader.png` });
    await follower.screenshot({ path: `${shots}playback-follower.png` });

    const leaderShown = await shownFrames(leader);
    const followerShown = await shownFrames(follower);
    const { leaderPositions, followerPositions, wrongFrames } = compareFollow(expected, await playheads(leader), leaderShown, followerShown);
    expect(wrongFrames).toEqual([]);
    // The leader's playhead never skips: it moves on only to a frame the browser holds.
    expect(leaderPositions).toEqual(leaderPositions.map((_, i) => i));
    // The follower only moves forward, and only to frames the leader had reached (−1 marks one it had not).
    const story = `leader's playhead went through  ${leaderPositions.join(" ")}; follower showed frames ${followerShown.map((s) => expected.indexOf(s.hash)).join(" ")}, placed at ${followerPositions.join(" ")}`;
    expect(followerPositions.filter((p) => p < 0), story).toEqual([]);
    // …and both end on the same frame.
    expect(followerPositions.at(-1), story).toBe(leaderPositions.at(-1));

    // The A/B view: the transition's two keyframes side by side, then this frame in two snapshots.
    const comparedHashes = () => leader.getByTestId("compare-view").locator("img").evaluateAll((imgs) => imgs.map((img) => img.getAttribute("data-hash")));
    await leader.getByRole("tab", { name: "Frame" }).click();
    await leader.getByRole("button", { name: "A/B: source | destination" }).click();
    await expect.poll(comparedHashes, { timeout: 30_000 }).toEqual([expected[0], expected[FRAMES - 1]]);
    const at = Number(await leader.getByTestId("ruler").getAttribute("aria-valuenow"));
    await leader.getByLabel(/A\/B: default vs/).selectOption("alt-a");
    const here = frameRecipeAt(chain, at, roomModel, {})!;
    await expect.poll(comparedHashes, { timeout: 30_000 }).toEqual([recipeHash(here), recipeHash({ ...here, snapshot: "alt-a" })]);
    await leader.screenshot({ path: `${shots}playback-compare.png` });
    await leader.getByRole("button", { name: "Single" }).click();
    await leader.getByTestId("frame").waitFor();

    // With no worker left, re-timed frames cannot arrive: playback says Buffering and the playhead stays where it is.
    await studio.stack.worker!.close();
    const doc = new RoomDoc(editor.doc);
    doc.setTransition(chain.id, chain.keyframes[0]!.id, { frames: 2 * FRAMES });
    await leader.getByTestId("frame-counter").getByText(`of ${2 * FRAMES + 1}`).waitFor();
    const before = await leader.getByTestId("ruler").getAttribute("aria-valuenow");
    await leader.getByRole("button", { name: "Play", exact: true }).click();
    await leader.getByTestId("frame-status").getByText("Buffering…").waitFor({ timeout: 30_000 });
    expect(await leader.getByTestId("ruler").getAttribute("aria-valuenow")).toBe(before);
    await leader.screenshot({ path: `${shots}playback-buffering.png` });
    editor.destroy();
    // Playing and following with two people: no edit refused, no presence refused.
    expect(logs.filter((line) => /refused an update|dropped .*presence/.test(line))).toEqual([]);
  });
});
