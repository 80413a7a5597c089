"use client";

import { can } from "@umbra/protocol";
import { actionTitle } from "@/lib/actions/studio-actions";
import { transitionAt } from "@/lib/playhead-places";
import { randomSeed } from "@/lib/random-seed";
import { usePlayheadValue, useStudio } from "@/lib/studio-context";
import { shallowEqual } from "@/lib/use-store";
import { useUndoState } from "@/lib/use-undo-state";

/** Editing commands for the active chain, and this person's undo and redo. */
export function ChainActions() {
  const { room, canEdit, doc, playhead, withChain, shownLatent, setActionProblem } = useStudio();
  const { hasFrame, hasDestination, transition } = usePlayheadValue(
    (s) => ({
      // Something is on screen for "Keyframe from playhead" to take.
      hasFrame: s.scratch !== null || s.total > 0,
      // The active chain has a last keyframe (the destination) to become the next source.
      hasDestination: (s.chain?.keyframes.length ?? 0) > 0,
      transition: transitionAt(s.chain, s.frame),
    }),
    shallowEqual,
  );
  const hasTransition = transition !== null;
  const { canUndo, canRedo } = useUndoState(doc.undo);
  const onAddRandom = () => withChain((id) => doc.room?.addKeyframe(id, { seed: randomSeed() }));
  const onAddFromPlayhead = () => {
    const shownAt = shownLatent();
    if (!shownAt) return setActionProblem("This frame mixes styles, or joins a seed to a nudged keyframe: no single keyframe holds it. Put the playhead on a keyframe, or clear the mix.");
    setActionProblem(null);
    withChain((id) => doc.room?.addKeyframe(id, shownAt.latent, { mix: shownAt.mix }));
  };
  const onChainOn = () => withChain((id) => doc.room?.useDestinationAsNextSource(id, randomSeed()));
  const onShuffle = (ends: "destination" | "both") => {
    const chain = playhead.getSnapshot().chain;
    if (chain && transition !== null) doc.room?.shuffle(chain.id, transition, ends, randomSeed);
  };
  const onUndo = () => doc.undo?.undo();
  const onRedo = () => doc.undo?.redo();
  const button = "rounded-md border border-ink-600 px-1.5 py-0.5 text-xs text-ink-200 hover:border-accent-500 hover:text-white disabled:cursor-not-allowed disabled:opacity-40";
  return (
    <div className="flex flex-wrap items-center gap-1.5" aria-label="Chain commands">
      <button type="button" className={button} disabled={!canEdit} onClick={onAddRandom}>
        Add keyframe
      </button>
      <button type="button" className={button} disabled={!canEdit || !hasFrame} onClick={onAddFromPlayhead} title="A keyframe holding the latent of the frame on screen">
        Keyframe from playhead
      </button>
      <button
        type="button"
        className={button}
        disabled={!canEdit || !hasDestination}
        onClick={onChainOn}
        title={hasDestination ? "Marrow's chaining: the last keyframe becomes the source of a new transition to a fresh seed" : "Needs a keyframe first: add one, then chain on from it"}
      >
        Use destination as next source
      </button>
      <span className="flex items-center gap-1 text-xs text-ink-400" role="group" aria-label="Shuffle the transition under the playhead">
        Shuffle
        <button type="button" className={button} disabled={!canEdit || !hasTransition} onClick={() => onShuffle("destination")} aria-label="Shuffle destination" title="A fresh seed for the destination">
          dest
        </button>
        <button type="button" className={button} disabled={!canEdit || !hasTransition} onClick={() => onShuffle("both")} aria-label="Shuffle both" title="Fresh seeds for both ends">
          both
        </button>
      </span>
      <span className="mx-1 h-4 w-px bg-ink-700" />
      <button type="button" className={button} disabled={!canUndo} onClick={onUndo} title={actionTitle("undo")}>
        Undo
      </button>
      <button type="button" className={button} disabled={!canRedo} onClick={onRedo} title={actionTitle("redo")}>
        Redo
      </button>
      {!can(room.role, "edit") && (
        <span className="text-xs text-ink-400" data-testid="read-only-note">
          You can watch and follow; only editors change chains.
        </span>
      )}
    </div>
  );
}
