"use client";

import { useState, type CSSProperties } from "react";
import type { ShownFrame } from "@/lib/frame-store";

/** Two frames one over the other, the earlier on the left of a wipe you drag: what changed between two versions, in place. */
export function WipeView({ earlier, later }: { earlier: { label: string; frame: ShownFrame | undefined }; later: { label: string; frame: ShownFrame | undefined } }) {
  const [split, setSplit] = useState(50);
  const image = (shown: { label: string; frame: ShownFrame | undefined }, style?: CSSProperties) =>
    shown.frame ? (
      // eslint-disable-next-line @next/next/no-img-element -- a blob URL of JPEG bytes from the socket: next/image cannot optimise it
      <img src={shown.frame.url} data-hash={shown.frame.hash} alt={shown.label} width={shown.frame.width} height={shown.frame.height} className="absolute inset-0 h-full w-full object-cover" style={style} />
    ) : (
      <div className="absolute inset-0 flex items-center justify-center text-xs text-ink-400" style={style}>
        Rendering…
      </div>
    );
  return (
    <div className="flex w-full max-w-[min(100cqw,calc(100cqh-3rem))] flex-col gap-1.5" data-testid="wipe-view">
      <div className="relative aspect-square w-full overflow-hidden rounded-xl border border-ink-700 bg-ink-900">
        {image(later)}
        {image(earlier, { clipPath: `inset(0 ${100 - split}% 0 0)` })}
        <div aria-hidden className="pointer-events-none absolute inset-y-0 w-0.5 bg-amber-400 shadow" style={{ left: `${split}%` }} />
      </div>
      <label className="flex items-center gap-2 text-xs text-ink-300">
        <span className="min-w-0 flex-1 truncate text-right">{earlier.label}</span>
        <input type="range" min={0} max={100} value={split} onChange={(e) => setSplit(Number(e.target.value))} aria-label="Wipe between the two versions" className="w-1/2 accent-amber-400" />
        <span className="min-w-0 flex-1 truncate">{later.label}</span>
      </label>
    </div>
  );
}
