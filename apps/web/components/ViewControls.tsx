"use client";

import { MARROW_SHADOWS, type FrameView, type ShadowsSettings } from "@umbra/latent";

export interface ViewChoice {
  view: FrameView;
  shadows: ShadowsSettings;
}

/** The recipe fields a view choice sets: nothing for color, and shadows settings only when they differ from Marrow's. */
export function viewOverrides(choice: ViewChoice): { view: FrameView; shadows?: ShadowsSettings } {
  if (choice.view === "color") return { view: "color" };
  const marrow = choice.shadows.threshold === MARROW_SHADOWS.threshold && choice.shadows.invert === MARROW_SHADOWS.invert;
  return marrow ? { view: "shadows" } : { view: "shadows", shadows: choice.shadows };
}

/** Color or Marrow's shadows view (S toggles), with the threshold and inversion adjustable. */
export function ViewControls({ choice, onChange }: { choice: ViewChoice; onChange: (choice: ViewChoice) => void }) {
  const tab = (view: FrameView, label: string) => (
    <button
      type="button"
      aria-pressed={choice.view === view}
      onClick={() => onChange({ ...choice, view })}
      className={`rounded-md px-2.5 py-1 text-xs ${choice.view === view ? "bg-ink-700 text-white" : "text-ink-300 hover:text-white"}`}
    >
      {label}
    </button>
  );
  return (
    <div className="flex flex-wrap items-center gap-3" aria-label="View">
      <div className="flex rounded-lg border border-ink-700 p-0.5">
        {tab("color", "Color")}
        {tab("shadows", "Shadows")}
      </div>
      {choice.view === "shadows" && (
        <>
          <label className="flex items-center gap-2 text-xs text-ink-300">
            Threshold
            <input
              type="range"
              min={0}
              max={255}
              value={choice.shadows.threshold}
              onChange={(e) => onChange({ ...choice, shadows: { ...choice.shadows, threshold: Number(e.target.value) } })}
              className="w-28 accent-accent-500"
            />
            <span className="w-7 font-mono text-ink-200">{choice.shadows.threshold}</span>
          </label>
          <label className="flex items-center gap-1.5 text-xs text-ink-300">
            <input type="checkbox" checked={choice.shadows.invert} onChange={(e) => onChange({ ...choice, shadows: { ...choice.shadows, invert: e.target.checked } })} className="accent-accent-500" />
            Invert (dark is white)
          </label>
        </>
      )}
    </div>
  );
}
