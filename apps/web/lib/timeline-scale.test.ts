import { describe, expect, it } from "vitest";
import { timecode } from "@umbra/doc";
import { MAX_PPF, MIN_PPF, contentWidth, fitPpf, frameToX, rulerTicks, xToFrame, zoomAround } from "./timeline-scale";

describe("the timeline's frame↔pixel mapping", () => {
  for (const ppf of [0.05, 0.5, 1, 3, 12.5, 40]) {
    const scale = { ppf, inset: 16 };
    it(`sends every frame's centre, and both edges of its cell, back to that frame at ${ppf} px per frame`, () => {
      for (const frame of [0, 1, 11, 12, 250, 999]) {
        const centre = frameToX(scale, frame);
        expect(xToFrame(scale, centre, 1000)).toBe(frame);
        expect(xToFrame(scale, scale.inset + frame * ppf + 1e-9, 1000)).toBe(frame);
        expect(xToFrame(scale, scale.inset + (frame + 1) * ppf - 1e-6, 1000)).toBe(frame);
      }
    });
    it(`draws a 12-frame and a 240-frame transition 1:20 at ${ppf} px per frame`, () => {
      const twelve = frameToX(scale, 12) - frameToX(scale, 0);
      const twoForty = frameToX(scale, 252) - frameToX(scale, 12);
      expect(twoForty / twelve).toBeCloseTo(20, 9);
    });
  }

  it("clamps clicks before the first frame and after the last", () => {
    const scale = { ppf: 4, inset: 16 };
    expect(xToFrame(scale, 0, 100)).toBe(0);
    expect(xToFrame(scale, 10_000, 100)).toBe(99);
    expect(xToFrame(scale, 10_000, 0)).toBe(0);
  });

  it("fits a chain to a width, within the zoom limits", () => {
    const ppf = fitPpf(241, 1000, 16);
    expect(contentWidth({ ppf, inset: 16 }, 241)).toBeCloseTo(1000, 6);
    expect(fitPpf(1, 1000, 16)).toBe(MAX_PPF);
    expect(fitPpf(10_000_000, 1000, 16)).toBe(MIN_PPF);
  });

  it("keeps the frame under the pointer in place while zooming", () => {
    const scale = { ppf: 2, inset: 16 };
    const anchor = frameToX(scale, 120);
    const scrollLeft = 100;
    const onScreen = anchor - scrollLeft;
    const { ppf, scrollBy } = zoomAround(scale, 1.5, anchor);
    expect(frameToX({ ppf, inset: 16 }, 120) - (scrollLeft + scrollBy)).toBeCloseTo(onScreen, 9);
  });
});

describe("the ruler", () => {
  it("labels ticks far enough apart to read, on whole seconds once frames get small", () => {
    const close = rulerTicks({ ppf: 20, inset: 0 }, 500, 24, { from: 0, to: 499 });
    const closeMajors = close.filter((t) => t.major).map((t) => t.frame);
    expect(closeMajors.slice(0, 3)).toEqual([0, 5, 10]);
    const far = rulerTicks({ ppf: 0.5, inset: 0 }, 5000, 24, { from: 0, to: 4999 });
    const farMajors = far.filter((t) => t.major).map((t) => t.frame);
    expect(farMajors.slice(0, 3)).toEqual([0, 240, 480]);
    for (const ticks of [close, far]) expect(new Set(ticks.map((t) => t.frame)).size).toBe(ticks.length);
  });

  it("draws only the visible frames", () => {
    const ticks = rulerTicks({ ppf: 10, inset: 0 }, 100_000, 24, { from: 50_000, to: 50_100 });
    expect(ticks[0]!.frame).toBeGreaterThanOrEqual(49_990);
    expect(ticks.at(-1)!.frame).toBeLessThanOrEqual(50_100);
  });

  it("writes timecode as minutes, seconds and frames", () => {
    expect(timecode(0, 24)).toBe("0:00:00");
    expect(timecode(23, 24)).toBe("0:00:23");
    expect(timecode(24 * 61 + 5, 24)).toBe("1:01:05");
    expect(timecode(30, 30)).toBe("0:01:00");
  });
});
