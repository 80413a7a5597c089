"use client";

import { useState } from "react";
import { PEOPLE_COLOURS } from "@/lib/distinct-colours";
import { MAX_NAME_LENGTH, type LocalIdentity } from "@/lib/local-identity";

/**
 * Local mode: shows the name and colour others see for this browser, and lets the
 * person change them. `shownColor` differs from the chosen one while someone who
 * came earlier has that colour.
 */
export function LocalIdentityEditor({ identity, shownColor, onChange }: { identity: LocalIdentity; shownColor: string; onChange: (identity: LocalIdentity) => void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(identity.name);
  const [color, setColor] = useState(identity.color);
  const open = () => {
    setName(identity.name);
    setColor(identity.color);
    setEditing(true);
  };

  return (
    <div className="relative">
      <button
        type="button"
        onClick={() => (editing ? setEditing(false) : open())}
        title={`How others see you in this room${shownColor === identity.color ? "" : " (your colour is taken by someone who came earlier)"}; click to change`}
        className="inline-flex items-center gap-2 rounded-lg border border-ink-600 px-2.5 py-1 text-xs text-ink-200 hover:bg-ink-800"
        data-testid="my-name"
      >
        <span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ backgroundColor: shownColor }} />
        {identity.name}
      </button>
      {editing && (
        <form
          className="absolute right-0 top-9 z-40 flex w-64 flex-col gap-3 rounded-xl border border-ink-700 bg-ink-900 p-3 shadow-2xl"
          onSubmit={(event) => {
            event.preventDefault();
            if (!name.trim()) return;
            onChange({ name, color });
            setEditing(false);
          }}
        >
          <label className="flex flex-col gap-1 text-xs text-ink-300">
            Your name, as others see it
            <input
              autoFocus
              value={name}
              maxLength={MAX_NAME_LENGTH}
              onChange={(e) => setName(e.target.value)}
              className="rounded-md border border-ink-600 bg-ink-950 px-2 py-1 text-sm text-white"
            />
          </label>
          {!name.trim() && <p className="text-xs text-rose-300">A name needs at least one letter.</p>}
          <fieldset className="flex flex-wrap gap-1.5">
            <legend className="mb-1 text-xs text-ink-300">Your colour</legend>
            {PEOPLE_COLOURS.map((c) => (
              <button
                key={c}
                type="button"
                aria-label={`Colour ${c}`}
                aria-pressed={c === color}
                onClick={() => setColor(c)}
                className={`h-6 w-6 rounded-full border-2 ${c === color ? "border-white" : "border-transparent"}`}
                style={{ backgroundColor: c }}
              />
            ))}
          </fieldset>
          <div className="flex justify-end gap-2">
            <button type="button" onClick={() => setEditing(false)} className="rounded-md px-2 py-1 text-xs text-ink-300 hover:bg-ink-800">
              Cancel
            </button>
            <button type="submit" disabled={!name.trim()} className="rounded-md bg-accent-500 px-3 py-1 text-xs text-white hover:bg-accent-400 disabled:opacity-40">
              Save
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
