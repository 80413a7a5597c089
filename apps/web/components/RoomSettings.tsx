"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { MAX_TRUNCATION, type Chain } from "@umbra/doc";
import { deleteRoom, renameRoom } from "@/app/rooms/[roomId]/actions";
import { ConfirmDialog } from "./ConfirmDialog";
import { NumberField } from "./NumberField";

/**
 * The room's settings, behind a header button: the default ψ every transition
 * without its own uses (editors; live for everyone), and for the owner the
 * room's name and deleting it, after a confirmation that says what goes.
 */
export function RoomSettings({
  room,
  chains,
  isOwner,
  truncation,
  canEdit,
  onTruncation,
}: {
  room: { id: string; name: string };
  chains: Chain[];
  isOwner: boolean;
  truncation: number | null;
  canEdit: boolean;
  onTruncation: (truncation: number | null) => void;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [name, setName] = useState(room.name);
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);
  const keyframes = chains.reduce((sum, c) => sum + c.keyframes.length, 0);

  const rename = async () => {
    const result = await renameRoom(room.id, { name });
    setNameProblem(result.ok ? null : result.message);
    if (result.ok) router.refresh();
  };
  const remove = async () => {
    setDeleting(true);
    const result = await deleteRoom(room.id);
    setDeleting(false);
    if (!result.ok) setDeleteProblem(result.message);
    else router.replace("/");
  };

  return (
    <div className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-label="Room settings"
        title="Room settings"
        onClick={() => {
          // Each opening starts clean: no refusal from last time, the room's current name.
          setOpen((o) => !o);
          setProblem(null);
          setNameProblem(null);
          setName(room.name);
        }}
        className="rounded-lg border border-ink-600 px-2.5 py-1 text-sm text-ink-200 hover:border-accent-500 hover:text-white"
      >
        <span aria-hidden>⚙</span>
        <span className="ml-1.5 hidden xl:inline">Settings</span>
      </button>
      {open && (
        <div role="dialog" aria-label="Room settings" className="absolute right-0 top-full z-30 mt-2 flex w-80 flex-col gap-4 rounded-xl border border-ink-700 bg-ink-900 p-4 text-sm shadow-2xl shadow-black/60">
          {isOwner && (
            <form
              className="flex flex-col gap-1"
              onSubmit={(event) => {
                event.preventDefault();
                void rename();
              }}
            >
              <label htmlFor="room-name" className="text-ink-200">
                Room name
              </label>
              <div className="flex gap-2">
                <input
                  id="room-name"
                  value={name}
                  maxLength={80}
                  onChange={(event) => setName(event.target.value)}
                  className="min-w-0 flex-1 rounded-md border border-ink-600 bg-ink-950 px-2 py-1 text-sm text-white focus:border-accent-500 focus:outline-none"
                />
                <button type="submit" disabled={name.trim() === room.name} className="rounded-md bg-accent-500 px-3 py-1 text-xs font-medium text-white enabled:hover:bg-accent-400 disabled:opacity-40">
                  Rename
                </button>
              </div>
              {nameProblem && (
                <p role="alert" className="text-xs text-rose-400">
                  {nameProblem}
                </p>
              )}
            </form>
          )}
          <div className="flex flex-col gap-1">
            <div className="flex items-center justify-between gap-3 text-ink-200">
              Default ψ (truncation)
              <NumberField
                label="Room default ψ"
                value={truncation}
                placeholder="model"
                step={0.05}
                disabled={!canEdit}
                check={(n) => (n >= 0 && n <= MAX_TRUNCATION ? null : `ψ is between 0 and ${MAX_TRUNCATION}.`)}
                onCommit={onTruncation}
                onProblem={setProblem}
              />
            </div>
            <p className="text-xs text-ink-400">Every transition without its own ψ uses this, for everyone in the room. Lower is closer to the average image; empty leaves it to the model.</p>
            {problem && (
              <p role="alert" className="text-xs text-rose-400">
                {problem}
              </p>
            )}
          </div>
          {isOwner && (
            <button type="button" onClick={() => setConfirmingDelete(true)} className="self-start rounded-md border border-rose-800 px-3 py-1 text-xs text-rose-300 hover:bg-rose-950">
              Delete room…
            </button>
          )}
        </div>
      )}
      {confirmingDelete && (
        <ConfirmDialog
          title={`Delete ${room.name}?`}
          confirm="Delete room"
          busy={deleting}
          error={deleteProblem}
          onCancel={() => setConfirmingDelete(false)}
          onConfirm={() => void remove()}
        >
          Its {chains.length} {chains.length === 1 ? "chain" : "chains"} ({keyframes} {keyframes === 1 ? "keyframe" : "keyframes"}), its share links and every member&apos;s access go for good,
          for everyone, and anyone in it now is shown out. This cannot be undone.
        </ConfirmDialog>
      )}
    </div>
  );
}
