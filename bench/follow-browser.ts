// Following in Chromium: a leader plays a 48-frame chain twice round at 24 fps while
// another page follows. How far behind the follower shows each frame, and how many
// frames it skips to keep up (the playback test checks only order and correctness).
import { compareFollow, openFollowSession, playheads, recordShownFrames, shownFrames } from "../tests/support/follow-playback.js";
import { startStudio } from "../tests/support/studio.js";
import { percentile } from "./bench-results.js";

const FRAMES = 48;
const LOOPS = 2;

export interface FollowFigures {
  lagP50: number;
  lagP90: number;
  skipped: number;
  frames: number;
}

export async function measureFollow(): Promise<FollowFigures> {
  const studio = await startStudio({ kind: "pglite", open: true, withWorker: "process" });
  try {
    const { expected, leader, follower, editor } = await openFollowSession(studio, FRAMES);
    for (const page of [leader, follower]) await recordShownFrames(page);
    // The first round renders as it plays, as a first play does; the second plays from the browsers' frames.
    await leader.getByRole("button", { name: "Play", exact: true }).click();
    await leader.waitForFunction(
      (n) => ((window as unknown as { playheads: unknown[] }).playheads?.length ?? 0) >= n,
      LOOPS * FRAMES + 1,
      { timeout: 120_000, polling: 50 },
    );
    await leader.getByRole("button", { name: "Pause", exact: true }).click();
    await new Promise((r) => setTimeout(r, 500)); // the follower's last frame lands
    const { lagsMs, skipped, followerPositions } = compareFollow(expected, await playheads(leader), await shownFrames(leader), await shownFrames(follower));
    editor.destroy();
    return { lagP50: percentile(lagsMs, 50), lagP90: percentile(lagsMs, 90), skipped, frames: followerPositions.length };
  } finally {
    await studio.close();
  }
}
