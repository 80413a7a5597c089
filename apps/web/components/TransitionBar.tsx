import type { Transition } from "@umbra/doc";

/**
 * One transition on the track, spanning exactly its frames. It says as much as
 * its width allows; a press moves the playhead to the frame under the pointer,
 * and the transition under the playhead is the one the inspector edits.
 */
export function TransitionBar({
  index,
  transition,
  left,
  width,
  current,
  roomTruncation,
  onPress,
}: {
  index: number;
  transition: Transition;
  left: number;
  width: number;
  current: boolean;
  roomTruncation: number | null;
  onPress: (clientX: number) => void;
}) {
  const psi = transition.truncation ?? roomTruncation;
  const full = `${transition.frames} f · ${transition.easing} · ${transition.interpolation}${psi === null ? "" : ` · ψ ${psi}`}`;
  const text = width >= 200 ? full : width >= 44 ? `${transition.frames} f` : "";
  return (
    <button
      type="button"
      data-testid="transition"
      aria-label={`Transition ${index + 1}: ${full}`}
      title={full}
      onPointerDown={(event) => onPress(event.clientX)}
      className={`absolute top-1 flex h-6 items-center justify-center overflow-hidden rounded-md border text-[10px] font-mono ${
        current ? "border-accent-400 bg-accent-500/25 text-white" : "border-ink-700 bg-ink-800/80 text-ink-300 hover:border-ink-500"
      }`}
      style={{ left, width }}
    >
      <span className="truncate px-1">{text}</span>
    </button>
  );
}
