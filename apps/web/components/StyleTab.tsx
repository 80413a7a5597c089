"use client";

import { useMemo } from "react";
import { undoGesture } from "@umbra/doc";
import { keyframeIndexAt } from "@/lib/playhead-places";
import { usePlayheadValue, useStudio } from "@/lib/studio-context";
import { useLatentDirections } from "@/lib/use-latent-directions";
import { shallowEqual } from "@/lib/use-store";
import { StylePanel } from "./StylePanel";

/** The Style tab, on the selected keyframe or else the one under the playhead: style mixing, and nudges along the model's directions. */
export function StyleTab() {
  const { frames, canEdit, model, selection, keyframes, doc } = useStudio();
  const { chain, underPlayhead } = usePlayheadValue((s) => ({ chain: s.chain, underPlayhead: keyframeIndexAt(s.chain, s.frame) }), shallowEqual);
  const index = selection.selectedIndex >= 0 ? selection.selectedIndex : underPlayhead;
  const keyframe = chain && index >= 0 ? chain.keyframes[index] : undefined;
  // Asked for only while this tab is open: a playhead passing keyframes elsewhere asks for nothing.
  const directions = useLatentDirections(frames.loadDirections, canEdit && model.info?.directions && chain && keyframe ? { snapshot: chain.snapshot, keyframe } : null);
  const gesture = useMemo(() => (doc.undo ? undoGesture(doc.undo) : null), [doc.undo]);
  return (
    <StylePanel
      model={model.info}
      target={keyframe ? { keyframe, name: keyframes[index]!.name, index } : null}
      others={chain && keyframe ? chain.keyframes.flatMap((k, i) => (k.id === keyframe.id ? [] : [{ id: k.id, name: keyframes[i]!.name, latent: k.latent }])) : []}
      canEdit={canEdit}
      directions={directions}
      onMix={(mix) => chain && keyframe && doc.room?.setKeyframeMix(chain.id, keyframe.id, mix)}
      onNudge={(latent) => {
        if (!chain || !keyframe) return;
        directions.ownWrite(latent);
        doc.room?.setKeyframeLatent(chain.id, keyframe.id, latent);
      }}
      onGesture={(phase) => gesture?.[phase]()}
    />
  );
}
