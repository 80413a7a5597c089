"use client";

import { useActionState } from "react";
import { DEFAULT_MODEL } from "@umbra/protocol";
import { createRoomAction, type FormState } from "@/app/actions";

/** A new room's name, and its model when connected workers offer more than one. */
export function CreateRoomForm({ models }: { models: string[] }) {
  const [state, action, pending] = useActionState<FormState, FormData>(createRoomAction, { error: null });
  return (
    <form action={action} className="flex flex-col gap-3 rounded-2xl border border-ink-700 bg-ink-900 p-5 shadow-lg shadow-black/20">
      <label htmlFor="room-name" className="text-sm font-medium text-white">
        New room
      </label>
      <div className="flex gap-2">
        <input
          id="room-name"
          name="name"
          required
          maxLength={80}
          placeholder="e.g. Title sequence, shot 12"
          className="min-w-0 flex-1 rounded-lg border border-ink-600 bg-ink-950 px-3 py-2 text-sm text-white placeholder:text-ink-400 focus:border-accent-500 focus:outline-none"
        />
        <button
          type="submit"
          disabled={pending}
          className="rounded-lg bg-accent-500 px-4 py-2 text-sm font-medium text-white transition hover:bg-accent-400 disabled:opacity-60"
        >
          {pending ? "Creating…" : "Create room"}
        </button>
      </div>
      {models.length > 1 && (
        <label className="flex items-center gap-2 text-xs text-ink-300">
          Model
          <select name="model" defaultValue={models.includes(DEFAULT_MODEL) ? DEFAULT_MODEL : models[0]} className="rounded-md border border-ink-600 bg-ink-950 px-2 py-1 text-sm text-white">
            {models.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
      )}
      {state.error && (
        <p role="alert" className="text-sm text-rose-400">
          {state.error}
        </p>
      )}
    </form>
  );
}
