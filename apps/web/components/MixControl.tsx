"use client";

import { useEffect, useState } from "react";
import type { Keyframe } from "@umbra/doc";
import { MAX_SEED, STYLE_LAYER_GROUPS, describeStyleLayers, styleLayerIndices, type LatentRef, type StyleLayers, type StyleMix } from "@umbra/latent";
import type { StyleGroups } from "@umbra/protocol";

const field = "rounded-md border border-ink-600 bg-ink-950 px-2 py-1 text-xs text-white focus:border-accent-500 focus:outline-none disabled:opacity-50 aria-[invalid=true]:border-rose-500";

/** What the groups carry, as the model's manifest says; a model that does not say is not guessed at. */
function groupsText(groups: StyleGroups | undefined): string {
  return groups
    ? `On this model, coarse layers carry ${groups.coarse}; middle ones ${groups.middle}; fine ones ${groups.fine}.`
    : "Coarse layers are the model's smallest, fine ones its largest; this model does not say what each carries.";
}

/** The pixel sizes a layer choice covers on this model: "4–8 px". */
function resolutionsOf(layers: StyleLayers, styleLayers: readonly number[]): string {
  try {
    const sizes = styleLayerIndices(layers, styleLayers).map((i) => styleLayers[i]!);
    const low = Math.min(...sizes);
    const high = Math.max(...sizes);
    return low === high ? `${low} px` : `${low}–${high} px`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const sameLatent = (a: LatentRef, b: LatentRef) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Style mixing on one keyframe: some of its layers take their w from another
 * keyframe's latent or a seed. Every change is written at once, so everyone in the
 * room sees the mixed keyframe as it is chosen.
 */
export function MixControl({
  keyframe,
  others,
  styleLayers,
  styleGroups,
  canEdit,
  onMix,
}: {
  keyframe: Keyframe;
  others: { id: string; name: string; latent: LatentRef }[];
  styleLayers: readonly number[];
  /** What each group carries on this model, from its manifest. */
  styleGroups: StyleGroups | undefined;
  canEdit: boolean;
  onMix: (mix: StyleMix | null) => void;
}) {
  const mix = keyframe.mix ?? null;
  const fromKeyframe = mix ? others.find((o) => sameLatent(o.latent, mix.latent)) : undefined;
  const source = !mix ? "none" : fromKeyframe ? `keyframe:${fromKeyframe.id}` : "seed" in mix.latent ? "seed" : "latent";
  const layers: StyleLayers = mix?.layers ?? "coarse";
  const [seedText, setSeedText] = useState(mix && "seed" in mix.latent ? String(mix.latent.seed) : "1");
  useEffect(() => {
    if (mix && "seed" in mix.latent) setSeedText(String(mix.latent.seed));
  }, [mix]);
  const seed = Number(seedText);
  const seedValid = seedText.trim() !== "" && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED;
  const last = styleLayers.length - 1;
  const custom = typeof layers === "object" ? layers : null;

  const write = (latent: LatentRef | null, nextLayers: StyleLayers) => onMix(latent ? { latent, layers: nextLayers } : null);
  const latentOfSource = (value: string): LatentRef | null => {
    if (value === "none") return null;
    if (value === "seed") return seedValid ? { seed } : null;
    if (value === "latent") return mix?.latent ?? null;
    return others.find((o) => `keyframe:${o.id}` === value)?.latent ?? null;
  };

  return (
    <section className="flex flex-col gap-2" aria-label="Style mixing" data-testid="mix-control">
      <h3 className="text-xs font-medium uppercase tracking-wider text-ink-400">Mix styles</h3>
      <label className="flex items-center justify-between gap-2 text-xs text-ink-300">
        Take layers from
        <select aria-label="Mix source" className={`${field} max-w-44`} disabled={!canEdit} value={source} onChange={(e) => write(latentOfSource(e.target.value), layers)}>
          <option value="none">nothing (no mix)</option>
          {others.map((o) => (
            <option key={o.id} value={`keyframe:${o.id}`}>
              keyframe {o.name}
            </option>
          ))}
          <option value="seed">a seed…</option>
          {source === "latent" && <option value="latent">a latent (kept)</option>}
        </select>
      </label>
      {source === "seed" && (
        <label className="flex items-center justify-between gap-2 text-xs text-ink-300">
          Seed
          <input
            aria-label="Mix seed"
            inputMode="numeric"
            className={`${field} w-28 font-mono`}
            disabled={!canEdit}
            value={seedText}
            aria-invalid={!seedValid}
            onChange={(e) => setSeedText(e.target.value)}
            onBlur={() => seedValid && write({ seed }, layers)}
            onKeyDown={(e) => e.key === "Enter" && seedValid && write({ seed }, layers)}
          />
        </label>
      )}
      <div role="radiogroup" aria-label="Mixed layers" className="flex flex-wrap gap-1">
        {STYLE_LAYER_GROUPS.map((group) => (
          <button
            key={group}
            type="button"
            role="radio"
            aria-checked={layers === group}
            disabled={!canEdit || !mix}
            onClick={() => write(mix!.latent, group)}
            className="rounded-md border border-ink-600 px-2 py-1 text-xs capitalize text-ink-300 enabled:hover:border-accent-500 disabled:opacity-40 aria-checked:border-accent-500 aria-checked:bg-accent-500/20 aria-checked:text-white"
          >
            {group}
          </button>
        ))}
        <button
          type="button"
          role="radio"
          aria-checked={custom !== null}
          disabled={!canEdit || !mix}
          onClick={() => write(mix!.latent, { first: 0, last })}
          className="rounded-md border border-ink-600 px-2 py-1 text-xs text-ink-300 enabled:hover:border-accent-500 disabled:opacity-40 aria-checked:border-accent-500 aria-checked:bg-accent-500/20 aria-checked:text-white"
        >
          Layers…
        </button>
      </div>
      {custom && mix && (
        <div className="flex items-center gap-2 text-xs text-ink-300">
          {(["first", "last"] as const).map((end) => (
            <label key={end} className="flex items-center gap-1">
              {end}
              <input
                type="number"
                aria-label={`${end} mixed layer`}
                min={0}
                max={last}
                value={custom[end]}
                disabled={!canEdit}
                className={`${field} w-14 font-mono`}
                onChange={(e) => {
                  const n = Math.min(last, Math.max(0, Math.round(Number(e.target.value))));
                  const next = { ...custom, [end]: n };
                  if (next.first > next.last) next[end === "first" ? "last" : "first"] = n;
                  write(mix.latent, next);
                }}
              />
            </label>
          ))}
          <span className="text-ink-500">of 0–{last}</span>
        </div>
      )}
      <p className="text-xs text-ink-500" data-testid="mix-summary">
        {mix
          ? `${describeStyleLayers(mix.layers)} (${resolutionsOf(mix.layers, styleLayers)}${typeof mix.layers === "string" && styleGroups ? `: ${styleGroups[mix.layers]}` : ""}) from ${fromKeyframe ? `keyframe ${fromKeyframe.name}` : "seed" in mix.latent ? `seed ${mix.latent.seed}` : "a latent"}`
          : groupsText(styleGroups)}
      </p>
    </section>
  );
}
