"use client";

import { useEffect, useMemo, useRef } from "react";
import { diffChains, type Chain, type ChainDiff, type Keyframe } from "@umbra/doc";
import { recipeHash, seedFrameRecipe } from "@umbra/latent";
import type { VersionsLayout } from "@/lib/comparison";
import { useStudio } from "@/lib/studio-context";
import { personColour } from "@/lib/change-attribution";
import type { ComparedVersions } from "@/lib/use-history";
import { useHeldFrames } from "@/lib/use-held-frames";
import { THUMBNAIL_SIZE } from "@/lib/use-room-frames";
import { counted, versionPresenceLabel } from "@/lib/version-label";

/** What became of a chain, in a few words: "added", or "name changed, 1 keyframe added, 2 moved". */
function changeWords(diff: ChainDiff): string {
  if (diff.change !== "changed") return diff.change;
  const { added, removed, changed, moved } = diff.keyframes;
  const counts = [
    [added.length, "added"],
    [removed.length, "removed"],
    [changed.length, "changed"],
    [moved.length, "moved"],
  ] as const;
  return [
    ...diff.settings.map((setting) => `${setting} changed`),
    ...counts.filter(([n]) => n > 0).map(([n, what]) => `${counted(n, "keyframe")} ${what}`),
    ...(diff.retimed.length ? [`${counted(diff.retimed.length, "transition")} re-timed`] : []),
  ].join(", ");
}

/** Keyframes drawn per chain in the filmstrip; a longer chain says how many more. */
const STRIP_KEYFRAMES = 40;

type Mark = "added" | "removed" | "changed" | "moved" | "same";
const MARKS: Record<Mark, { border: string; words: string }> = {
  added: { border: "border-emerald-400", words: "added" },
  removed: { border: "border-rose-500 opacity-60", words: "removed" },
  changed: { border: "border-amber-400", words: "changed" },
  moved: { border: "border-sky-400", words: "moved" },
  same: { border: "border-ink-700", words: "unchanged" },
};

/** Each keyframe of the chain as it is in the later version, then those the later one removed, with what became of it. */
function stripOf(diff: ChainDiff, later: Chain | undefined, earlier: Chain | undefined): { keyframe: Keyframe; mark: Mark }[] {
  const markOf = (id: string): Mark =>
    diff.keyframes.added.includes(id) ? "added" : diff.keyframes.changed.includes(id) ? "changed" : diff.keyframes.moved.includes(id) ? "moved" : "same";
  return [
    ...(later?.keyframes ?? []).map((keyframe) => ({ keyframe, mark: markOf(keyframe.id) })),
    ...(earlier?.keyframes ?? []).filter((k) => diff.keyframes.removed.includes(k.id)).map((keyframe) => ({ keyframe, mark: "removed" as const })),
  ];
}

function Filmstrip({ tiles, snapshot, changedBy }: { tiles: { keyframe: Keyframe; mark: Mark }[]; snapshot: string; changedBy: ComparedVersions["changedBy"] }) {
  const { room, frames, ready } = useStudio();
  const shown = tiles.slice(0, STRIP_KEYFRAMES);
  const recipes = useMemo(
    () =>
      shown.map(({ keyframe }) =>
        seedFrameRecipe(room.model, 0, { from: keyframe.latent, to: keyframe.latent, ...(keyframe.mix ? { fromMix: keyframe.mix } : {}), snapshot, width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE }),
      ),
    [shown, room.model, snapshot],
  );
  const hashes = useMemo(() => recipes.map(recipeHash), [recipes]);
  const held = useHeldFrames(frames.store, hashes);
  useEffect(() => {
    if (!ready) return;
    recipes.forEach((recipe, i) => {
      if (!frames.held(hashes[i]!)) frames.request(recipe, "me");
    });
  }, [ready, recipes, hashes, frames]);
  return (
    <ol className="flex flex-wrap gap-1" aria-label="Keyframes">
      {shown.map(({ keyframe, mark }, i) => {
        const by = mark === "same" ? [] : (changedBy[keyframe.id] ?? []);
        return (
          <li
            key={`${keyframe.id}-${mark}`}
            title={`${keyframe.label ?? "Keyframe"} · ${MARKS[mark].words}${by.length ? ` by ${by.map((p) => p.name).join(", ")}` : ""}`}
            className={`relative h-9 w-9 overflow-hidden rounded border-2 ${MARKS[mark].border}`}
            data-mark={mark}
            data-by={by.map((p) => p.name).join(", ")}
          >
            {held[i] ? (
              // eslint-disable-next-line @next/next/no-img-element -- a blob URL of JPEG bytes from the socket: next/image cannot optimise it
              <img src={held[i]!.url} alt="" width={THUMBNAIL_SIZE} height={THUMBNAIL_SIZE} className={`h-full w-full object-cover ${mark === "removed" ? "grayscale" : ""}`} />
            ) : (
              <span className="block h-full w-full bg-ink-800" />
            )}
            <span className="sr-only">{MARKS[mark].words}</span>
            {/* Who made the change: a dot in each one's colour, as the legend below shows. */}
            <span aria-hidden className="absolute bottom-0.5 right-0.5 flex gap-px">
              {by.map((p) => (
                <span key={`${p.id}-${p.name}`} className="h-2 w-2 rounded-full ring-1 ring-black" style={{ backgroundColor: personColour(p.name) }} />
              ))}
            </span>
          </li>
        );
      })}
      {tiles.length > shown.length && <li className="self-center text-[11px] text-ink-400">+{tiles.length - shown.length} more</li>}
    </ol>
  );
}

/**
 * History's compare: what changed in each chain from the earlier version to the one
 * shown (a later version, or now), as a filmstrip marked in colour (added, changed,
 * moved, removed) with the re-timings, and who edited in between, with a dot in each
 * one's colour on the keyframes they changed; the stage shows the two frames side by
 * side or with a wipe, one playhead driving both.
 */
export function VersionDiff({ comparing, laterChains, onLayout, onStop }: { comparing: ComparedVersions; laterChains: Chain[]; onLayout: (layout: VersionsLayout) => void; onStop: () => void }) {
  const earlierChains = comparing.earlier.content.chains;
  // A comparison asked for from an entry far down the list shows here, at the top: brought into view.
  const section = useRef<HTMLElement>(null);
  const pair = `${comparing.earlier.version.id}:${comparing.later?.id ?? "now"}`;
  useEffect(() => {
    // A statement, not the arrow's value: Chromium's scrollIntoView returns a promise, which React would call as a cleanup.
    section.current?.scrollIntoView({ block: "nearest" });
  }, [pair]);
  const diffs = useMemo(() => diffChains(earlierChains, laterChains), [earlierChains, laterChains]);
  const changed = diffs.filter((d) => d.change !== "same");
  const laterName = comparing.later ? versionPresenceLabel(comparing.later) : "now";
  const layoutButton = (layout: VersionsLayout, label: string) => (
    <button
      type="button"
      aria-pressed={comparing.layout === layout}
      onClick={() => onLayout(layout)}
      className={`rounded-md px-2.5 py-0.5 ${comparing.layout === layout ? "bg-ink-700 text-white" : "text-ink-400 hover:text-ink-200"}`}
    >
      {label}
    </button>
  );
  return (
    <section ref={section} className="flex flex-col gap-2 rounded-xl border border-amber-500/60 p-3" aria-label="What changed" data-testid="version-diff">
      <div className="flex items-start gap-2">
        <h3 className="min-w-0 flex-1 text-xs font-medium text-white">
          {versionPresenceLabel(comparing.earlier.version)} → {laterName}
        </h3>
        <button type="button" onClick={onStop} className="shrink-0 rounded-md border border-ink-600 px-2 py-0.5 text-[11px] text-ink-200 hover:bg-ink-800">
          Stop comparing
        </button>
      </div>
      <div role="group" aria-label="How the two frames show" className="flex self-start rounded-lg border border-ink-700 p-0.5 text-xs">
        {layoutButton("side", "Side by side")}
        {layoutButton("wipe", "Wipe")}
      </div>
      {comparing.editors.length > 0 && (
        <p className="flex flex-wrap items-center gap-x-2 text-[11px] text-ink-400">
          Edited in between by
          {comparing.editors.map((p) => (
            <span key={`${p.id}-${p.name}`} className="flex items-center gap-1 text-ink-200">
              <span aria-hidden className="h-2 w-2 rounded-full" style={{ backgroundColor: personColour(p.name) }} />
              {p.name}
            </span>
          ))}
        </p>
      )}
      {changed.length === 0 && <p className="text-xs text-ink-300">No chain changed.</p>}
      {changed.map((diff) => {
        const later = laterChains.find((c) => c.id === diff.id);
        const earlier = earlierChains.find((c) => c.id === diff.id);
        const position = (id: string) => (later ?? earlier)!.keyframes.findIndex((k) => k.id === id) + 1;
        return (
          <article key={diff.id} className="flex flex-col gap-1.5 border-t border-ink-800 pt-2" data-testid="chain-diff" data-change={diff.change}>
            <p className="text-xs text-ink-100">
              {diff.name} <span className="text-ink-400">· {changeWords(diff)}</span>
            </p>
            <Filmstrip tiles={stripOf(diff, later, earlier)} snapshot={(later ?? earlier)!.snapshot} changedBy={comparing.changedBy} />
            {diff.retimed.map((r) => (
              <p key={r.fromKeyframeId} className="text-[11px] text-amber-200">
                Re-timed: keyframe {position(r.fromKeyframeId)} → {position(r.fromKeyframeId) + 1}, {r.before} → {r.after} frames
                {(comparing.changedBy[r.fromKeyframeId] ?? []).length > 0 && ` · by ${comparing.changedBy[r.fromKeyframeId]!.map((p) => p.name).join(", ")}`}
              </p>
            ))}
            {diff.reshaped.length > 0 && <p className="text-[11px] text-ink-300">{counted(diff.reshaped.length, "transition")} eased or interpolated differently</p>}
          </article>
        );
      })}
      {diffs.length > changed.length && <p className="text-[11px] text-ink-400">{counted(diffs.length - changed.length, "chain")} unchanged</p>}
    </section>
  );
}
