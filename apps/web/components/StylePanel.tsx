"use client";

import type { Keyframe } from "@umbra/doc";
import type { LatentRef, StyleMix } from "@umbra/latent";
import type { ModelInfo } from "@umbra/protocol";
import type { LatentDirections } from "@/lib/use-latent-directions";
import { DirectionSliders } from "./DirectionSliders";
import { MixControl } from "./MixControl";

/**
 * The Style tab: style mixing and direction sliders for one keyframe (the selected
 * one, else the one under the playhead), where the room's model offers them.
 */
export function StylePanel({
  model,
  target,
  others,
  canEdit,
  directions,
  onMix,
  onNudge,
  onGesture,
}: {
  model: ModelInfo | undefined;
  target: { keyframe: Keyframe; name: string; index: number } | null;
  others: { id: string; name: string; latent: LatentRef }[];
  canEdit: boolean;
  directions: LatentDirections;
  onMix: (mix: StyleMix | null) => void;
  onNudge: (latent: LatentRef) => void;
  onGesture: (phase: "begin" | "end") => void;
}) {
  if (!model) return <p className="text-sm text-ink-400">Waiting for a worker with this room&apos;s model…</p>;
  if (!model.styleLayers && !model.directions) {
    return <p className="text-sm text-ink-400">{model.id} has a single input and no mapping network, so it offers neither style mixing nor directions. The portraits model does.</p>;
  }
  if (!target) return <p className="text-sm text-ink-400">Select a keyframe on the timeline (or put the playhead on one) to mix its styles or nudge it along directions.</p>;
  return (
    <>
      <p className="text-xs text-ink-400" data-testid="style-target">
        Keyframe {target.index + 1} · <span className="font-mono text-ink-200">{target.name}</span>
        {!canEdit && " · editors change it"}
      </p>
      {model.styleLayers && <MixControl keyframe={target.keyframe} others={others} styleLayers={model.styleLayers} styleGroups={model.styleGroups} canEdit={canEdit} onMix={onMix} />}
      {model.directions &&
        (directions.basis ? (
          <DirectionSliders key={`${directions.basis.keyframeId}:${JSON.stringify(directions.basis.original)}`} basis={directions.basis} canEdit={canEdit} onNudge={onNudge} onGesture={onGesture} />
        ) : directions.problem ? (
          <p role="alert" className="text-xs text-rose-300">{directions.problem}</p>
        ) : (
          <p className="text-xs text-ink-400">{canEdit ? "Finding this keyframe's directions…" : "Editors nudge keyframes along the model's directions."}</p>
        ))}
    </>
  );
}
