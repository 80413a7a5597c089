"use client";

import { useCallback, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { FIRST_FRAME_CHOICES, MAX_TIMECODE_START, MAX_TRUNCATION, timecode, type Chain, type FirstFrame, type FrameNumbering } from "@umbra/doc";
import { deleteRoom, renameRoom } from "@/app/rooms/[roomId]/actions";
import { useDismiss } from "@/lib/use-dismiss";
import { ConfirmDialog } from "./ConfirmDialog";
import { NumberField } from "./NumberField";

/** "1:00:00" for 3600: the start timecode as people type it, h:mm:ss. */
function clockText(seconds: number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
}

/** h:mm:ss, mm:ss or ss as seconds, or null when it is not a time of day. */
function parseClock(text: string): number | null {
  const parts = text.trim().split(":");
  if (parts.length > 3 || parts.some((p) => !/^\d{1,2}$/.test(p))) return null;
  const [s = 0, m = 0, h = 0] = parts.map(Number).reverse();
  if (s > 59 || m > 59) return null;
  const seconds = h * 3600 + m * 60 + s;
  return seconds <= MAX_TIMECODE_START ? seconds : null;
}

/**
 * The room's settings, behind a header button: the default ψ every transition
 * without its own uses, and how frames are numbered (editors; live for everyone),
 * and for the owner the room's name and deleting it, after a confirmation that
 * says what goes. Esc or a press outside closes it.
 */
export function RoomSettings({
  room,
  chains,
  isOwner,
  truncation,
  numbering,
  canEdit,
  onTruncation,
  onNumbering,
}: {
  room: { id: string; name: string };
  chains: Chain[];
  isOwner: boolean;
  truncation: number | null;
  numbering: FrameNumbering;
  canEdit: boolean;
  onTruncation: (truncation: number | null) => void;
  onNumbering: (patch: Partial<FrameNumbering>) => void;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [name, setName] = useState(room.name);
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteProblem, setDeleteProblem] = useState<string | null>(null);
  const [start, setStart] = useState(clockText(numbering.timecodeStart));
  const keyframes = chains.reduce((sum, c) => sum + c.keyframes.length, 0);
  const popover = useRef<HTMLDivElement>(null);
  useDismiss(open, popover, useCallback(() => setOpen(false), []));
  const commitStart = () => {
    const seconds = parseClock(start);
    if (seconds === null) return setProblem("The start timecode is a time of day, h:mm:ss, from 0:00:00 to 23:59:59.");
    setProblem(null);
    if (seconds !== numbering.timecodeStart) onNumbering({ timecodeStart: seconds });
  };

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
    <div className="relative" ref={popover}>
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
          setStart(clockText(numbering.timecodeStart));
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
          <fieldset className="flex flex-col gap-2" disabled={!canEdit}>
            <legend className="mb-1 text-ink-200">Frame numbers</legend>
            <div className="flex items-center justify-between gap-3 text-ink-300">
              First frame is
              <div className="flex overflow-hidden rounded-md border border-ink-600" role="radiogroup" aria-label="First frame number">
                {FIRST_FRAME_CHOICES.map((first: FirstFrame) => (
                  <button
                    key={first}
                    type="button"
                    role="radio"
                    aria-checked={numbering.firstFrame === first}
                    onClick={() => onNumbering({ firstFrame: first })}
                    className={`px-3 py-0.5 font-mono text-xs disabled:opacity-40 ${numbering.firstFrame === first ? "bg-accent-500 text-white" : "text-ink-200 enabled:hover:bg-ink-800"}`}
                  >
                    {first}
                  </button>
                ))}
              </div>
            </div>
            <label className="flex items-center justify-between gap-3 text-ink-300">
              Start timecode
              <input
                value={start}
                aria-label="Start timecode"
                inputMode="numeric"
                placeholder="0:00:00"
                onChange={(event) => setStart(event.target.value)}
                onBlur={commitStart}
                onKeyDown={(event) => event.key === "Enter" && commitStart()}
                className="w-24 rounded-md border border-ink-600 bg-ink-950 px-2 py-0.5 text-right font-mono text-xs text-white focus:border-accent-500 focus:outline-none disabled:opacity-40"
              />
            </label>
            <p className="text-xs text-ink-400">
              The studio, notes, shot lists and exported file names all count so: the first frame is frame {numbering.firstFrame} at {timecode(0, 24, numbering)}.
            </p>
          </fieldset>
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
