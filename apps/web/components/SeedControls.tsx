"use client";

import { useEffect, useState } from "react";
import { MAX_SEED } from "@umbra/latent";
import { randomSeed } from "@/lib/random-seed";

/** A seed field with Render, and a Random button. The field follows the room's frame. */
export function SeedControls({ disabled, shownSeed, onSeed }: { disabled: boolean; shownSeed: number | null; onSeed: (seed: number) => void }) {
  const [text, setText] = useState("1");
  useEffect(() => {
    if (shownSeed !== null) setText(String(shownSeed));
  }, [shownSeed]);
  const seed = Number(text);
  const valid = text.trim() !== "" && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED;
  return (
    <form
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) onSeed(seed);
      }}
    >
      <label htmlFor="seed" className="text-xs font-medium uppercase tracking-wider text-ink-400">
        Seed
      </label>
      <div className="flex gap-2">
        <input
          id="seed"
          inputMode="numeric"
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={!valid}
          className="min-w-0 flex-1 rounded-lg border border-ink-600 bg-ink-950 px-3 py-2 font-mono text-sm text-white focus:border-accent-500 focus:outline-none aria-[invalid=true]:border-rose-500"
        />
        <button
          type="submit"
          disabled={disabled || !valid}
          className="rounded-lg bg-accent-500 px-4 py-2 text-sm font-medium text-white transition hover:bg-accent-400 disabled:opacity-50"
        >
          Render
        </button>
      </div>
      {!valid && <p className="text-xs text-rose-400">A seed is a whole number from 0 to {MAX_SEED}.</p>}
      <button
        type="button"
        disabled={disabled}
        onClick={() => {
          const next = randomSeed();
          setText(String(next));
          onSeed(next);
        }}
        className="rounded-lg border border-ink-600 bg-ink-800 px-4 py-2 text-sm font-medium text-white transition hover:border-accent-500 hover:bg-ink-700 disabled:opacity-50"
      >
        Random
      </button>
    </form>
  );
}
