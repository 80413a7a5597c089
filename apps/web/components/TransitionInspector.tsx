"use client";

import { useState } from "react";
import { EASINGS, INTERPOLATIONS } from "@umbra/latent";
import { MAX_TRANSITION_FRAMES, MAX_TRUNCATION, type Transition } from "@umbra/doc";
import { NumberField } from "./NumberField";

const select = "rounded bg-ink-950 px-1 py-0.5 text-xs text-ink-200 disabled:cursor-not-allowed disabled:text-ink-500 disabled:opacity-50";

/** Frames, easing, interpolation and ψ of the transition under the playhead; editors change them, everyone sees them. */
export function TransitionInspector({
  index,
  transition,
  roomTruncation,
  canEdit,
  onChange,
}: {
  index: number;
  transition: Transition;
  roomTruncation: number | null;
  canEdit: boolean;
  onChange: (patch: Partial<Transition>) => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-ink-400" data-testid="transition-inspector" aria-label={`Transition ${index + 1}`} role="group">
      <span className="font-medium text-ink-200">
        {index + 1} → {index + 2}
      </span>
      <NumberField
        label="Frames in this transition"
        suffix="f"
        value={transition.frames}
        disabled={!canEdit}
        check={(n) => (Number.isInteger(n) && n >= 1 && n <= MAX_TRANSITION_FRAMES ? null : `A transition has 1 to ${MAX_TRANSITION_FRAMES} frames, in whole numbers.`)}
        onCommit={(frames) => frames !== null && onChange({ frames })}
        onProblem={setProblem}
      />
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
      <NumberField
        label="ψ of this transition"
        prefix="ψ"
        value={transition.truncation}
        placeholder={roomTruncation === null ? "model" : `room ${roomTruncation}`}
        wide
        step={0.05}
        disabled={!canEdit}
        check={(n) => (n >= 0 && n <= MAX_TRUNCATION ? null : `ψ (truncation) is between 0 and ${MAX_TRUNCATION}.`)}
        onCommit={(truncation) => onChange({ truncation })}
        onProblem={setProblem}
      />
      {transition.truncation !== null && canEdit && (
        <button type="button" onClick={() => onChange({ truncation: null })} className="text-[11px] text-accent-300 hover:text-accent-200">
          Use the room&apos;s ψ
        </button>
      )}
      {problem && (
        <span role="alert" className="text-rose-400">
          {problem}
        </span>
      )}
    </div>
  );
}
