"use client";

import { useState } from "react";
import { transitionAt } from "@/lib/playhead-places";
import { usePlayheadValue, useStudio } from "@/lib/studio-context";
import { shallowEqual } from "@/lib/use-store";
import { SeedBrowser } from "./SeedBrowser";
import { SeedControls } from "./SeedControls";

/** The Seeds tab: render a seed as a scratch frame, or browse a grid of them and take one into the chain. */
export function SeedsTab() {
  const { ready, playhead, room, model, canEdit, frames, withChain, doc } = useStudio();
  const { chain, scratch, transition } = usePlayheadValue((s) => ({ chain: s.chain, scratch: s.scratch, transition: transitionAt(s.chain, s.frame) }), shallowEqual);
  const [browsing, setBrowsing] = useState(false);
  return (
    <>
      <SeedControls disabled={!ready} shownSeed={scratch} onSeed={(seed) => playhead.showScratch(seed)} />
      <button type="button" aria-expanded={browsing} onClick={() => setBrowsing((b) => !b)} className="self-start text-xs font-medium text-accent-300 hover:text-accent-200">
        {browsing ? "Hide the seed browser" : "Browse seeds…"}
      </button>
      {browsing && (
        <SeedBrowser
          model={room.model}
          snapshot={chain?.snapshot ?? model.snapshots[0] ?? "default"}
          latentSize={model.latentSize}
          ready={ready}
          canEdit={canEdit}
          canReplace={canEdit && transition !== null}
          store={frames.store}
          request={frames.request}
          onAddKeyframe={(latent) => withChain((id) => doc.room?.addKeyframe(id, latent))}
          onReplace={(end, latent) => {
            const keyframe = chain && transition !== null ? chain.keyframes[transition + (end === "destination" ? 1 : 0)] : undefined;
            if (chain && keyframe) doc.room?.setKeyframeLatent(chain.id, keyframe.id, latent);
          }}
        />
      )}
    </>
  );
}
