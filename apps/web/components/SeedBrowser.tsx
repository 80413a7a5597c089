"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { MAX_SEED, recipeHash, seedFrameRecipe, type FrameRecipe, type LatentRef } from "@umbra/latent";
import type { FrameStore } from "@/lib/frame-store";
import { useHeldFrames } from "@/lib/use-held-frames";
import { randomSeed } from "@/lib/random-seed";
import { GRID_CELLS, gridLatents, latentName, type SeedGridSource } from "@/lib/seed-grid";

/** Grid frames are small: sixteen of them cost about one preview frame. */
const GRID_FRAME_SIZE = 128;

const randomSource = (): SeedGridSource => ({ kind: "random", seeds: Array.from({ length: GRID_CELLS }, randomSeed) });

export interface SeedBrowserProps {
  model: string;
  snapshot: string;
  latentSize: number;
  ready: boolean;
  canEdit: boolean;
  /** The playhead is in a transition whose ends can be replaced. */
  canReplace: boolean;
  /** The frames this browser holds: each cell shows its own as it arrives. */
  store: FrameStore | null;
  request(recipe: FrameRecipe, audience: "me"): void;
  onAddKeyframe(latent: LatentRef): void;
  onReplace(end: "source" | "destination", latent: LatentRef): void;
}

/**
 * Exploring the model: a 4 × 4 grid of random or sequential seeds, or of small
 * perturbations around a latent, fetched for this browser only (the hub renders them
 * in batches). Pick a cell to make it a keyframe, replace the transition's source or
 * destination with it, or explore around it.
 */
export function SeedBrowser({ model, snapshot, latentSize, ready, canEdit, canReplace, store, request, onAddKeyframe, onReplace }: SeedBrowserProps) {
  // Sequential at first: the same on the server and in the browser, so hydration matches.
  const [source, setSource] = useState<SeedGridSource>({ kind: "sequential", start: 0 });
  const [selected, setSelected] = useState<number | null>(null);
  const [startText, setStartText] = useState("0");
  const requested = useRef(new Set<string>());

  const cells = useMemo(
    () =>
      gridLatents(source, latentSize).map((latent) => {
        const recipe = seedFrameRecipe(model, 0, { from: latent, to: latent, snapshot, width: GRID_FRAME_SIZE, height: GRID_FRAME_SIZE });
        return { latent, recipe, hash: recipeHash(recipe) };
      }),
    [source, latentSize, model, snapshot],
  );
  useEffect(() => {
    if (!ready) return;
    for (const cell of cells) {
      if (store?.has(cell.hash) || requested.current.has(cell.hash)) continue;
      requested.current.add(cell.hash);
      request(cell.recipe, "me");
    }
  }, [ready, cells, store, request]);
  const hashes = useMemo(() => cells.map((cell) => cell.hash), [cells]);
  const cellFrames = useHeldFrames(store, hashes);

  const show = (next: SeedGridSource) => {
    setSource(next);
    setSelected(null);
  };
  const start = Number(startText);
  const startValid = startText.trim() !== "" && Number.isInteger(start) && start >= 0 && start <= MAX_SEED - GRID_CELLS + 1;
  const pick = selected === null ? null : cells[selected]!.latent;
  const tab = (active: boolean) => `rounded-md px-2.5 py-1 text-xs ${active ? "bg-ink-700 text-white" : "text-ink-300 hover:text-white"}`;
  const action = "rounded-md border border-ink-600 px-2 py-1 text-xs text-ink-200 hover:border-accent-500 hover:text-white disabled:opacity-40";

  return (
    <section className="flex flex-col gap-3" aria-label="Seed browser" data-testid="seed-browser">
      <div className="flex flex-wrap items-center gap-2">
        <div className="flex rounded-lg border border-ink-700 p-0.5">
          <button type="button" aria-pressed={source.kind === "random"} className={tab(source.kind === "random")} onClick={() => show(randomSource())}>
            {source.kind === "random" ? "Shuffle" : "Random"}
          </button>
          <button type="button" aria-pressed={source.kind === "sequential"} className={tab(source.kind === "sequential")} onClick={() => startValid && show({ kind: "sequential", start })}>
            Sequential
          </button>
        </div>
        <label className="flex items-center gap-1.5 text-xs text-ink-300">
          from
          <input
            inputMode="numeric"
            value={startText}
            aria-label="First seed"
            aria-invalid={!startValid}
            onChange={(e) => setStartText(e.target.value)}
            onKeyDown={(e) => e.key === "Enter" && startValid && show({ kind: "sequential", start })}
            className="w-24 rounded-md border border-ink-600 bg-ink-950 px-2 py-0.5 font-mono text-ink-100 aria-[invalid=true]:border-rose-500"
          />
        </label>
        {source.kind === "sequential" && (
          <span className="flex gap-1">
            <button type="button" className={action} disabled={source.start === 0} aria-label="Previous seeds" onClick={() => show({ kind: "sequential", start: Math.max(0, source.start - GRID_CELLS) })}>
              ‹
            </button>
            <button type="button" className={action} disabled={source.start + 2 * GRID_CELLS > MAX_SEED + 1} aria-label="Next seeds" onClick={() => show({ kind: "sequential", start: source.start + GRID_CELLS })}>
              ›
            </button>
          </span>
        )}
        {source.kind === "around" && (
          <label className="flex items-center gap-1.5 text-xs text-ink-300">
            Around {latentName(source.center)}, spread
            <input
              type="range"
              min={0.05}
              max={0.6}
              step={0.05}
              value={source.strength}
              onChange={(e) => show({ ...source, strength: Number(e.target.value) })}
              className="w-24 accent-accent-500"
            />
            <span className="font-mono text-ink-200">{source.strength.toFixed(2)}</span>
            <button type="button" className={action} onClick={() => show({ ...source, page: source.page + 1 })}>
              More
            </button>
          </label>
        )}
      </div>
      {!startValid && <p className="text-xs text-rose-400">The first seed is a whole number from 0 to {MAX_SEED - GRID_CELLS + 1}.</p>}
      <div className="grid grid-cols-4 gap-1.5">
        {cells.map((cell, i) => {
          const frame = cellFrames[i];
          return (
            <button
              key={`${i}:${cell.hash}`}
              type="button"
              aria-pressed={selected === i}
              aria-label={`${i === 0 && source.kind === "around" ? "Center" : "Cell"} ${i + 1}: ${latentName(cell.latent)}`}
              onClick={() => setSelected(selected === i ? null : i)}
              className={`aspect-square overflow-hidden rounded-md border bg-ink-900 ${selected === i ? "border-accent-400 ring-2 ring-accent-500/60" : "border-ink-700 hover:border-ink-500"}`}
            >
              {frame ? (
                // eslint-disable-next-line @next/next/no-img-element -- a blob URL of JPEG bytes from the socket: next/image cannot optimise it
                <img src={frame.url} alt="" data-hash={frame.hash} width={GRID_FRAME_SIZE} height={GRID_FRAME_SIZE} className="h-full w-full object-cover" />
              ) : (
                <span className="text-[10px] text-ink-500">…</span>
              )}
            </button>
          );
        })}
      </div>
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="mr-1 text-xs text-ink-400">{pick ? latentName(pick) : "Pick a cell"}</span>
        <button type="button" className={action} disabled={!pick || !canEdit} onClick={() => pick && onAddKeyframe(pick)}>
          Add as keyframe
        </button>
        <button type="button" className={action} disabled={!pick || !canReplace} onClick={() => pick && onReplace("source", pick)}>
          Use as source
        </button>
        <button type="button" className={action} disabled={!pick || !canReplace} onClick={() => pick && onReplace("destination", pick)}>
          Use as destination
        </button>
        <button type="button" className={action} disabled={!pick} onClick={() => pick && show({ kind: "around", center: pick, strength: 0.25, page: 0 })}>
          Explore around
        </button>
      </div>
    </section>
  );
}
