"use client";

import { useActionState } from "react";
import type { FormState } from "@/app/actions";
import { acceptInviteAction } from "@/app/join/[secret]/actions";

export function JoinRoomForm({ secret, who }: { secret: string; who: string }) {
  const [state, action, pending] = useActionState<FormState, FormData>(acceptInviteAction, { error: null });
  return (
    <form action={action} className="flex flex-col gap-3">
      <input type="hidden" name="secret" value={secret} />
      <button type="submit" disabled={pending} className="rounded-lg bg-accent-500 px-4 py-2 text-sm font-medium text-white hover:bg-accent-400 disabled:opacity-60">
        {pending ? "Joining…" : `Join as ${who}`}
      </button>
      {state.error && (
        <p role="alert" className="text-sm text-rose-400">
          {state.error}
        </p>
      )}
    </form>
  );
}
