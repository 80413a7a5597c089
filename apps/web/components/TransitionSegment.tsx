"use client";

import { useState } from "react";
import { EASINGS, INTERPOLATIONS } from "@umbra/latent";
import { MAX_TRANSITION_FRAMES, type Transition } from "@umbra/doc";

/** The move between two keyframes, as wide as its frame count; editors change count, easing and interpolation in place. */
export function TransitionSegment({ transition, canEdit, onChange }: { transition: Transition; canEdit: boolean; onChange: (patch: Partial<Transition>) => void }) {
  const [editing, setEditing] = useState(false);
  const select = "rounded bg-ink-900 px-1 text-[10px] text-ink-300 disabled:opacity-60";
  return (
    <div className="flex min-w-24 flex-1 flex-col justify-center gap-1 px-1" data-testid="transition">
      <div className="relative h-1 rounded-full bg-gradient-to-r from-ink-600 via-accent-500/70 to-ink-600" />
      <div className="flex flex-wrap items-center justify-center gap-1">
        {editing ? (
          <input
            autoFocus
            type="number"
            min={1}
            max={MAX_TRANSITION_FRAMES}
            defaultValue={transition.frames}
            aria-label="Frames in this transition"
            className="w-16 rounded bg-ink-950 px-1 text-center font-mono text-xs text-white"
            onBlur={() => setEditing(false)}
            onKeyDown={(event) => {
              if (event.key === "Escape") setEditing(false);
              if (event.key !== "Enter") return;
              const frames = Number(event.currentTarget.value);
              if (Number.isInteger(frames) && frames >= 1 && frames <= MAX_TRANSITION_FRAMES) onChange({ frames });
              setEditing(false);
            }}
          />
        ) : (
          <button type="button" disabled={!canEdit} onClick={() => setEditing(true)} className="rounded px-1 font-mono text-xs text-ink-200 enabled:hover:bg-ink-800" title={canEdit ? "Click to change the frame count" : undefined}>
            {transition.frames} f
          </button>
        )}
        <select aria-label="Easing" disabled={!canEdit} value={transition.easing} onChange={(e) => onChange({ easing: e.target.value as Transition["easing"] })} className={select}>
          {EASINGS.map((easing) => (
            <option key={easing}>{easing}</option>
          ))}
        </select>
        <select aria-label="Interpolation" disabled={!canEdit} value={transition.interpolation} onChange={(e) => onChange({ interpolation: e.target.value as Transition["interpolation"] })} className={select}>
          {INTERPOLATIONS.map((interpolation) => (
            <option key={interpolation}>{interpolation}</option>
          ))}
        </select>
      </div>
    </div>
  );
}
