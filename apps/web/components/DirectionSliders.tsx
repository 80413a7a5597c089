"use client";

import { useRef, useState } from "react";
import { MAX_DIRECTION_AMOUNT, encodeLatentBase64, nudgeLatent, type LatentRef } from "@umbra/latent";
import type { DirectionBasis } from "@/lib/use-latent-directions";

/** Writes while a slider moves, at most this often: live for everyone without flooding the room. */
const WRITE_EVERY_MS = 80;

/**
 * Sliders along the model's top directions in w (GANSpace), from the keyframe's latent
 * as it was when chosen. Moving one rewrites the keyframe as a w latent, live for the
 * room; a whole drag is one undo step (`onGesture`). Reset puts the first latent back.
 */
export function DirectionSliders({
  basis,
  canEdit,
  onNudge,
  onGesture,
}: {
  basis: DirectionBasis;
  canEdit: boolean;
  onNudge: (latent: LatentRef) => void;
  onGesture: (phase: "begin" | "end") => void;
}) {
  const [amounts, setAmounts] = useState(() => basis.directions.map(() => 0));
  const pending = useRef<{ timer: ReturnType<typeof setTimeout> | null; latent: LatentRef | null }>({ timer: null, latent: null });
  const dragging = useRef(false);

  const flush = () => {
    const { latent, timer } = pending.current;
    if (timer) clearTimeout(timer);
    pending.current = { timer: null, latent: null };
    if (latent) onNudge(latent);
  };
  const move = (index: number, amount: number) => {
    const next = amounts.map((a, i) => (i === index ? amount : a));
    setAmounts(next);
    const latent = next.every((a) => a === 0) ? basis.original : { w: encodeLatentBase64(nudgeLatent(basis.base, basis.directions, next)) };
    pending.current.latent = latent;
    if (!pending.current.timer) pending.current.timer = setTimeout(flush, WRITE_EVERY_MS);
    // A key press or a click on the track is a gesture of its own.
    if (!dragging.current) {
      onGesture("begin");
      flush();
      onGesture("end");
    }
  };
  const endDrag = () => {
    if (!dragging.current) return;
    dragging.current = false;
    flush();
    onGesture("end");
  };

  return (
    <section className="flex flex-col gap-2" aria-label="Directions" data-testid="direction-sliders">
      <div className="flex items-center justify-between">
        <h3 className="text-xs font-medium uppercase tracking-wider text-ink-400">Directions</h3>
        <button
          type="button"
          disabled={!canEdit || amounts.every((a) => a === 0)}
          onClick={() => {
            setAmounts(basis.directions.map(() => 0));
            onGesture("begin");
            onNudge(basis.original);
            onGesture("end");
          }}
          className="rounded border border-ink-600 px-1.5 py-0.5 text-[11px] text-ink-200 enabled:hover:border-accent-500 disabled:opacity-40"
        >
          Reset
        </button>
      </div>
      {basis.directions.map((direction, i) => (
        <label key={i} className="grid grid-cols-[5.5rem_1fr_3rem] items-center gap-2 text-xs text-ink-300" title={`Spread of w along it: σ ${direction.sigma.toFixed(2)}`}>
          <span>Direction {i + 1}</span>
          <input
            type="range"
            aria-label={`Direction ${i + 1}`}
            min={-MAX_DIRECTION_AMOUNT}
            max={MAX_DIRECTION_AMOUNT}
            step={0.1}
            value={amounts[i]}
            disabled={!canEdit}
            className="accent-accent-500"
            onPointerDown={() => {
              dragging.current = true;
              onGesture("begin");
            }}
            onPointerUp={endDrag}
            onPointerCancel={endDrag}
            onBlur={endDrag}
            onChange={(e) => move(i, Number(e.target.value))}
          />
          <span className="text-right font-mono text-ink-400" data-testid={`direction-${i + 1}-amount`}>
            {amounts[i]! > 0 ? "+" : ""}
            {amounts[i]!.toFixed(1)}σ
          </span>
        </label>
      ))}
      <p className="text-xs text-ink-500">The main ways this model&apos;s portraits vary, largest first; ±{MAX_DIRECTION_AMOUNT}σ each way. A drag is one undo.</p>
    </section>
  );
}
