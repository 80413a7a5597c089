"use client";

import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { clampPpf, fitPpf, zoomAround, type TimelineScale } from "./timeline-scale";

/** Pixels left of frame 0 and right of the last frame, so their markers are not cut. */
export const TIMELINE_INSET = 40;

export interface TimelineZoom {
  scale: TimelineScale;
  /** True while the zoom follows the window (the whole chain fits). */
  fitted: boolean;
  /** The frames in view, for drawing only what shows. */
  visible: { from: number; to: number };
  /** The width is known: until then (the server's render, the first in the browser) nothing can be placed to scale. */
  measured: boolean;
  setPpf(ppf: number): void;
  fit(): void;
}

/**
 * The timeline's zoom and scroll: fitted to the width until the person zooms
 * (Ctrl/⌘ + wheel around the pointer, or the slider), then fixed, with
 * horizontal scroll.
 */
export function useTimelineZoom(scroller: RefObject<HTMLDivElement | null>, total: number): TimelineZoom {
  const [chosen, setChosen] = useState<number | null>(null);
  const [view, setView] = useState({ left: 0, width: 0 });
  const ppf = chosen ?? fitPpf(total, view.width, TIMELINE_INSET);
  const scale = { ppf, inset: TIMELINE_INSET };
  const latest = useRef(scale);
  latest.current = scale;

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setView({ left: element.scrollLeft, width: element.clientWidth });
    measure();
    const resize = new ResizeObserver(measure);
    resize.observe(element);
    element.addEventListener("scroll", measure, { passive: true });
    // React's wheel listener is passive: Ctrl+wheel must cancel the browser's page zoom.
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      const anchor = event.clientX - element.getBoundingClientRect().left + element.scrollLeft;
      const zoom = zoomAround(latest.current, Math.exp(-event.deltaY * 0.002), anchor);
      setChosen(zoom.ppf);
      // Scroll once the wider content is laid out.
      requestAnimationFrame(() => {
        element.scrollLeft += zoom.scrollBy;
      });
    };
    element.addEventListener("wheel", onWheel, { passive: false });
    return () => {
      resize.disconnect();
      element.removeEventListener("scroll", measure);
      element.removeEventListener("wheel", onWheel);
    };
  }, [scroller]);

  const setPpf = useCallback((next: number) => setChosen(clampPpf(next)), []);
  const fit = useCallback(() => setChosen(null), []);
  const from = Math.max(0, Math.floor((view.left - TIMELINE_INSET) / ppf));
  const to = Math.ceil((view.left + view.width) / ppf);
  return { scale, fitted: chosen === null, visible: { from, to }, measured: view.width > 0, setPpf, fit };
}
