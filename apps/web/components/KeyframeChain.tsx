"use client";

import type { Keyframe } from "@umbra/doc";

/**
 * The room's keyframe chain, shared through Yjs. Editors add the frame on screen
 * and remove keyframes; everyone else sees the chain read-only.
 */
export function KeyframeChain({
  keyframes,
  canEdit,
  currentSeed,
  onAdd,
  onRemove,
  onShow,
}: {
  keyframes: Keyframe[];
  canEdit: boolean;
  currentSeed: number | null;
  onAdd: (seed: number) => void;
  onRemove: (id: string) => void;
  onShow: (seed: number) => void;
}) {
  return (
    <section className="flex flex-col gap-3" aria-label="Keyframe chain">
      <div className="flex items-center justify-between">
        <h2 className="text-xs font-medium uppercase tracking-wider text-ink-400">Keyframes</h2>
        <button
          type="button"
          disabled={!canEdit || currentSeed === null}
          onClick={() => currentSeed !== null && onAdd(currentSeed)}
          title={canEdit ? "Append the frame on screen to the chain" : "Only editors can change the chain"}
          className="rounded-md border border-ink-600 px-2.5 py-1 text-xs text-ink-200 transition hover:border-accent-500 hover:text-white disabled:cursor-not-allowed disabled:opacity-40"
        >
          Add keyframe
        </button>
      </div>
      {keyframes.length === 0 ? (
        <p className="text-xs text-ink-400">{canEdit ? "No keyframes yet: render a seed you like, then add it." : "No keyframes yet."}</p>
      ) : (
        <ol className="flex flex-col gap-1.5" data-testid="keyframes">
          {keyframes.map((k, i) => (
            <li key={k.id} className="flex items-center gap-2 rounded-lg bg-ink-950/60 px-2.5 py-1.5 text-sm">
              <span className="w-5 text-xs text-ink-400">{i + 1}</span>
              <button type="button" onClick={() => onShow(k.seed)} className="font-mono text-ink-100 hover:text-accent-300">
                seed {k.seed}
              </button>
              {i < keyframes.length - 1 && <span className="text-xs text-ink-400">→ {k.frames} frames</span>}
              {canEdit && (
                <button type="button" onClick={() => onRemove(k.id)} aria-label={`Remove keyframe ${i + 1}`} className="ml-auto text-xs text-ink-400 hover:text-rose-400">
                  Remove
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {!canEdit && <p className="text-xs text-ink-400" data-testid="read-only-note">You can watch and follow; only editors change the chain.</p>}
    </section>
  );
}
