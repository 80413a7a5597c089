"use client";

import { useEffect, useRef } from "react";
import { actionTitle } from "@/lib/actions/studio-actions";
import { usePlayheadValue, useStudio } from "@/lib/studio-context";
import { ChainActions } from "./ChainActions";
import { Timeline } from "./Timeline";
import { TimelineDock } from "./TimelineDock";
import { TransportControls } from "./TransportControls";

/** The dock under the preview: transport, the chain's commands, and the active chain's timeline with its keyframes' thumbnails. */
export function TimelineArea() {
  const { canEdit, ready, frames, keyframes, toggleShortcuts } = useStudio();
  const chain = usePlayheadValue((s) => s.chain);

  // Thumbnails of the active chain's keyframes, each asked for once.
  const { held, request } = frames;
  const requested = useRef(new Set<string>());
  useEffect(() => {
    if (!ready) return;
    for (const { recipe, hash } of keyframes) {
      if (held(hash) || requested.current.has(hash)) continue;
      requested.current.add(hash);
      request(recipe, "me");
    }
  }, [ready, keyframes, held, request]);

  return (
    <TimelineDock>
      <div className="flex shrink-0 flex-wrap items-center justify-between gap-2 border-b border-ink-800 px-3 py-1.5">
        <div className="flex items-center gap-2">
          <TransportControls />
          <button
            type="button"
            onClick={toggleShortcuts}
            aria-label="Keyboard shortcuts"
            title={actionTitle("shortcuts")}
            className="rounded-md border border-ink-600 px-2 py-1 font-mono text-xs text-ink-300 hover:border-accent-500 hover:text-white"
          >
            ?
          </button>
        </div>
        <ChainActions />
      </div>
      {chain ? (
        <Timeline chain={chain} />
      ) : (
        <p className="m-3 rounded-xl border border-dashed border-ink-700 p-6 text-center text-sm text-ink-400">
          {canEdit ? "No chain yet. Add a keyframe and a chain is made for it." : "No chain yet: editors build them here."}
        </p>
      )}
    </TimelineDock>
  );
}
