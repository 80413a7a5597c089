"use client";

import { useState } from "react";
import type { Author, ThreadsBulk } from "@umbra/protocol";
import type { PlacedNote } from "@/lib/placed-notes";
import { ConfirmDialog } from "./ConfirmDialog";
import { PickOne } from "./PickOne";

const field = "rounded-md border border-ink-700 bg-ink-900 px-1.5 py-0.5 text-xs text-ink-100";

/** The notes' distinct authors, by id, in the order they first wrote. */
export function authorsOf(notes: PlacedNote[]): Author[] {
  const seen = new Map<string, Author>();
  for (const note of notes) if (!seen.has(note.thread.author.id)) seen.set(note.thread.author.id, note.thread.author);
  return [...seen.values()];
}

/**
 * The owner's tidying of a room's notes: every note by an author, on a chain, or
 * resolved more than some days ago (any together), resolved or deleted at once,
 * after a confirmation that says how many.
 */
export function NoteTidy({
  notes,
  chains,
  onBulk,
}: {
  notes: PlacedNote[];
  chains: { id: string; name: string }[];
  onBulk: (action: ThreadsBulk["action"], match: ThreadsBulk["match"]) => Promise<number | null>;
}) {
  const [author, setAuthor] = useState("");
  const [chain, setChain] = useState("");
  const [days, setDays] = useState("");
  const [asking, setAsking] = useState<ThreadsBulk["action"] | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const resolvedDaysAgo = days.trim() === "" ? undefined : Math.max(0, Math.floor(Number(days)));
  const match: ThreadsBulk["match"] = { ...(author ? { author } : {}), ...(chain ? { chain } : {}), ...(resolvedDaysAgo !== undefined && Number.isFinite(resolvedDaysAgo) ? { resolvedDaysAgo } : {}) };
  const chosen = Object.keys(match).length > 0;
  // How many match here; the server decides (it knows when each was resolved).
  const matching = notes.filter((n) => (!author || n.thread.author.id === author) && (!chain || n.thread.anchor.chainId === chain) && (resolvedDaysAgo === undefined || n.thread.status === "resolved")).length;
  const run = async (action: ThreadsBulk["action"]) => {
    setBusy(true);
    const count = await onBulk(action, match);
    setBusy(false);
    setAsking(null);
    if (count !== null) setOutcome(`${action === "delete" ? "Deleted" : "Resolved"} ${count} ${count === 1 ? "note" : "notes"}.`);
  };
  return (
    <details className="rounded-lg border border-ink-800 p-2 text-xs text-ink-300" data-testid="note-tidy">
      <summary className="cursor-pointer text-ink-200">Tidy notes</summary>
      <div className="mt-2 flex flex-col gap-2">
        <label className="flex items-center justify-between gap-2">
          By
          <PickOne label="Notes by" value={author} none="anyone" options={authorsOf(notes)} onChange={setAuthor} className={field} />
        </label>
        <label className="flex items-center justify-between gap-2">
          On chain
          <PickOne label="Notes on chain" value={chain} none="any" options={chains} onChange={setChain} className={field} />
        </label>
        <label className="flex items-center justify-between gap-2">
          Resolved more than
          <span className="flex items-center gap-1">
            <input className={`${field} w-14`} type="number" min={0} value={days} onChange={(e) => setDays(e.target.value)} aria-label="Resolved more than this many days ago" placeholder="–" />
            days ago
          </span>
        </label>
        <div className="flex gap-2">
          <button type="button" disabled={!chosen} onClick={() => setAsking("resolve")} className="rounded-md border border-ink-600 px-2 py-0.5 hover:text-white disabled:opacity-40">
            Resolve matching
          </button>
          <button type="button" disabled={!chosen} onClick={() => setAsking("delete")} className="rounded-md border border-rose-800 px-2 py-0.5 text-rose-300 hover:text-rose-200 disabled:opacity-40">
            Delete matching
          </button>
        </div>
        {!chosen && <p className="text-ink-500">Choose an author, a chain or an age first.</p>}
        {outcome && (
          <p role="status" className="text-ink-200">
            {outcome}
          </p>
        )}
      </div>
      {asking && (
        <ConfirmDialog
          title={asking === "delete" ? `Delete about ${matching} notes?` : `Resolve about ${matching} notes?`}
          confirm={asking === "delete" ? "Delete them" : "Resolve them"}
          busy={busy}
          onConfirm={() => void run(asking)}
          onCancel={() => setAsking(null)}
        >
          {asking === "delete" ? "Their comments, drawings and thumbnails go for everyone in the room. This cannot be undone." : "They move to Resolved for everyone in the room; each can be reopened."}
        </ConfirmDialog>
      )}
    </details>
  );
}
