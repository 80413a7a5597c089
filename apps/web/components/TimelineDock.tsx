"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

const STORAGE_KEY = "umbra.timelineHeight";
const MIN_HEIGHT = 120;
/** The dock never takes more than this share of the window, so the preview keeps room. */
const MAX_SHARE = 0.6;

/**
 * The timeline docked full-width at the bottom, as tall as its contents until
 * someone drags its top edge (or presses ↑/↓ on it); that height is kept in
 * this browser, and a double-click on the edge goes back to fitting the contents.
 */
export function TimelineDock({ children }: { children: ReactNode }) {
  const dock = useRef<HTMLElement>(null);
  const [height, setHeight] = useState<number | null>(null);
  useEffect(() => {
    const stored = Number(localStorage.getItem(STORAGE_KEY));
    if (Number.isFinite(stored) && stored >= MIN_HEIGHT) setHeight(stored);
  }, []);
  const resize = (next: number | null) => {
    const clamped = next === null ? null : Math.round(Math.min(window.innerHeight * MAX_SHARE, Math.max(MIN_HEIGHT, next)));
    setHeight(clamped);
    if (clamped === null) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, String(clamped));
  };
  const current = () => height ?? dock.current?.getBoundingClientRect().height ?? MIN_HEIGHT;
  return (
    <section
      ref={dock}
      className="flex shrink-0 flex-col border-t border-ink-800 bg-ink-900/70"
      style={height === null ? { maxHeight: `${MAX_SHARE * 100}vh` } : { height: `min(${height}px, ${MAX_SHARE * 100}vh)` }}
      aria-label="Timeline"
    >
      <div
        role="separator"
        aria-orientation="horizontal"
        aria-label="Resize the timeline"
        tabIndex={0}
        title="Drag to resize; double-click to fit"
        className="-mt-1 h-2 shrink-0 cursor-ns-resize touch-none outline-none hover:bg-accent-500/40 focus-visible:bg-accent-500/60"
        onPointerDown={(event) => event.currentTarget.setPointerCapture(event.pointerId)}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) resize(window.innerHeight - event.clientY);
        }}
        onDoubleClick={() => resize(null)}
        onKeyDown={(event) => {
          if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
          event.preventDefault();
          event.stopPropagation();
          resize(current() + (event.key === "ArrowUp" ? 20 : -20));
        }}
      />
      {children}
    </section>
  );
}
