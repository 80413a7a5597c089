// A leader plays a chain while a follower follows: the room and both pages, a record
// of every frame each page showed, and what the two records say about each other.
// The playback test asserts the behaviour; the bench reports lag and skipped frames.
import type { Page } from "playwright-core";
import { RoomDoc, chainFrameCount, frameRecipeAt, type Chain } from "@umbra/doc";
import { recipeHash } from "@umbra/latent";
import type { Studio } from "./studio.js";
import { connectDoc, type DocClient } from "./yjs-client.js";

export interface Shown {
  hash: string;
  /** Wall-clock ms; both pages run in one browser on one machine, so one clock. */
  at: number;
}

export interface FollowSession {
  roomModel: string;
  chain: Chain;
  /** Frame hashes in playback order. */
  expected: string[];
  leader: Page;
  follower: Page;
  editor: DocClient;
}

/** A room with one chain of `frames` frames at 24 fps, opened by two pages on frame 0, the second following the first. */
export async function openFollowSession(studio: Studio, frames: number): Promise<FollowSession> {
  const room = await studio.stack.api.createRoom("Playback");
  // Two keyframes with frames − 1 frames between them, plus the last keyframe's own frame.
  const editor = connectDoc(studio.stack.collab.url, room.id, await studio.stack.api.realtimeToken(room.id));
  await editor.synced;
  const doc = new RoomDoc(editor.doc);
  const chainId = doc.addChain({ fps: 24 });
  const first = doc.addKeyframe(chainId, { seed: 101 })!;
  doc.addKeyframe(chainId, { seed: 202 });
  doc.setTransition(chainId, first, { frames: frames - 1 });
  const chain = doc.chains()[0]!;
  if (chainFrameCount(chain) !== frames) throw new Error(`the chain has ${chainFrameCount(chain)} frames, not ${frames}`);
  const expected = Array.from({ length: frames }, (_, n) => recipeHash(frameRecipeAt(chain, n, room.model, {})!));

  const pages: Page[] = [];
  for (let i = 0; i < 2; i++) {
    const page = await (await studio.browser.newContext({ viewport: { width: 1360, height: 1000 } })).newPage();
    await page.goto(`${studio.web.url}/rooms/${room.id}`);
    await page.getByTestId("worker-status").getByText("wasm").waitFor({ timeout: 60_000 });
    await page.getByTestId("frame-counter").getByText(`of ${frames}`).waitFor({ timeout: 60_000 });
    pages.push(page);
  }
  const [leader, follower] = pages as [Page, Page];
  await follower.getByRole("button", { name: /^Follow / }).click();
  await follower.getByTestId("follow-banner").waitFor();
  for (const page of pages) await waitForFrame(page, expected[0]!);
  return { roomModel: room.model, chain, expected, leader, follower, editor };
}

export async function waitForFrame(page: Page, hash: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction((h) => document.querySelector('[data-testid="frame"]')?.getAttribute("data-hash") === h, hash, { timeout });
}

export interface PlayheadAt {
  frame: number;
  at: number;
}

/**
 * From now on, records every change of the page's shown frame and of its playhead (the ruler's value).
 * A string, not a function: under tsx (the bench) inner names get wrapped in a helper the page lacks.
 */
export async function recordShownFrames(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const frames = [];
    const playheads = [];
    Object.assign(window, { shownFrames: frames, playheads });
    let lastHash = "";
    let lastFrame = -1;
    const check = () => {
      const hash = document.querySelector('[data-testid="frame"]')?.getAttribute("data-hash") ?? "";
      if (hash && hash !== lastHash) {
        lastHash = hash;
        frames.push({ hash, at: Date.now() });
      }
      const frame = Number(document.querySelector('[data-testid="ruler"]')?.getAttribute("aria-valuenow") ?? -1);
      if (frame >= 0 && frame !== lastFrame) {
        lastFrame = frame;
        playheads.push({ frame, at: Date.now() });
      }
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-hash", "aria-valuenow"] });
    check();
  })()`);
}

export const shownFrames = (page: Page): Promise<Shown[]> => page.evaluate(() => (window as unknown as { shownFrames: Shown[] }).shownFrames);
export const playheads = (page: Page): Promise<PlayheadAt[]> => page.evaluate(() => (window as unknown as { playheads: PlayheadAt[] }).playheads);

export interface FollowComparison {
  /** The leader's playhead as positions in playback (frame + frames × rounds so far). */
  leaderPositions: number[];
  /**
   * Each frame the follower showed, placed at the first position after its previous
   * one where the leader's playhead had that frame; −1 where the leader never got
   * there (a frame it had not reached, or a step backwards that runs past its end).
   */
  followerPositions: number[];
  /** Shown hashes that are no frame of the chain, with who showed them. */
  wrongFrames: string[];
  /** How long after the leader's playhead reached each frame the follower showed it, ms. */
  lagsMs: number[];
  /** Positions the leader passed, between the follower's first and last, that the follower never showed. */
  skipped: number;
}

/** What the records say: pure, so the test and the bench read them the same way. */
export function compareFollow(expected: string[], leaderPlayheads: PlayheadAt[], leaderShown: Shown[], follower: Shown[]): FollowComparison {
  const total = expected.length;
  const wrongFrames = [...leaderShown.map((s) => ["leader", s.hash]), ...follower.map((s) => ["follower", s.hash])]
    .filter(([, hash]) => !expected.includes(hash!))
    .map(([who, hash]) => `${who}: ${hash}`);
  const leaderPositions: number[] = [];
  for (const { frame } of leaderPlayheads) {
    const before = leaderPositions.at(-1) ?? frame;
    // Playback only moves forward and wraps at the end: a smaller frame number is the next round.
    const rounds = Math.floor(before / total) + (frame < before % total ? 1 : 0);
    leaderPositions.push(frame + rounds * total);
  }
  const reachedAt = new Map(leaderPositions.map((p, i) => [p, leaderPlayheads[i]!.at]));
  let previous = -1;
  const followerPositions = follower.map((s) => {
    const frame = expected.indexOf(s.hash);
    if (frame < 0 || previous === Number.POSITIVE_INFINITY) return -1;
    const next = previous + 1 + ((((frame - previous - 1) % total) + total) % total);
    previous = reachedAt.has(next) ? next : Number.POSITIVE_INFINITY;
    return reachedAt.has(next) ? next : -1;
  });
  const lagsMs = followerPositions.flatMap((p, i) => (i > 0 && p >= 0 ? [follower[i]!.at - reachedAt.get(p)!] : []));
  const seen = new Set(followerPositions);
  const first = followerPositions[0] ?? 0;
  const last = followerPositions.at(-1) ?? 0;
  const skipped = leaderPositions.filter((p) => p > first && p < last && !seen.has(p)).length;
  return { leaderPositions, followerPositions, wrongFrames, lagsMs, skipped };
}
