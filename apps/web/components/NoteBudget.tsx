"use client";

import { useEffect, useState } from "react";
import type { NoteUsage } from "@umbra/protocol";
import { loadNoteUsage } from "@/app/rooms/[roomId]/actions";

const count = (n: number) => n.toLocaleString("en");
const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** The owner's view of how much of the room's note budget is used: notes, bytes and drawing points against their caps. */
export function NoteBudget({ roomId, notes }: { roomId: string; notes: number }) {
  const [usage, setUsage] = useState<NoteUsage | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Asked again as the room's note count changes.
  useEffect(() => {
    void loadNoteUsage(roomId).then((result) => {
      if (result.ok) setUsage(result.value);
      else setProblem(`Could not read the room's note budget: ${result.message}`);
    });
  }, [roomId, notes]);
  if (problem) return <p className="text-[11px] text-rose-300">{problem}</p>;
  if (!usage) return null;
  return (
    <p className="text-[11px] text-ink-400" data-testid="note-budget">
      Room budget: {count(usage.threads)} of {count(usage.limits.threads)} notes · {megabytes(usage.bytes)} of {megabytes(usage.limits.bytes)} · {count(usage.drawingPoints)} of{" "}
      {count(usage.limits.drawingPoints)} drawing points
    </p>
  );
}
