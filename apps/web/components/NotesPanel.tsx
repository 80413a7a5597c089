"use client";

import { useState, type ReactNode } from "react";
import type { NoteReader, PlacedNote } from "@/lib/placed-notes";

type Filter = "inbox" | "open" | "resolved" | "mine" | "mentions";
const FILTERS: { id: Filter; label: string }[] = [
  { id: "inbox", label: "Inbox" },
  { id: "open", label: "Open" },
  { id: "resolved", label: "Resolved" },
  { id: "mine", label: "Mine" },
  { id: "mentions", label: "Mentions me" },
];

/**
 * The room's notes: filters (an inbox of what is new where you are mentioned or
 * have written, open, resolved, yours, mentions), unread markers and how many
 * are new, the notes on the timeline in frame order, then those whose keyframes are gone. The note
 * open above the list is `detail`.
 */
export function NotesPanel({
  roomId,
  notes,
  reader,
  selectedId,
  detail,
  whereOf,
  canComment,
  onOpen,
}: {
  roomId: string;
  notes: PlacedNote[];
  reader: NoteReader;
  selectedId: string | null;
  detail: ReactNode;
  whereOf: (note: PlacedNote) => string;
  /** Commenters and up write notes; viewers read them. */
  canComment: boolean;
  onOpen: (note: PlacedNote) => void;
}) {
  const [filter, setFilter] = useState<Filter>("open");
  // The inbox: what is new to you where you are mentioned or have written.
  const inInbox = (n: PlacedNote) => n.unread && (n.mentionsMe || n.thread.comments.some((c) => reader.isMe(c.author)));
  const shown = notes.filter((n) =>
    filter === "inbox"
      ? inInbox(n)
      : filter === "open"
        ? n.thread.status === "open"
        : filter === "resolved"
          ? n.thread.status === "resolved"
          : filter === "mine"
            ? reader.isMe(n.thread.author)
            : n.mentionsMe,
  );
  const unread = notes.filter((n) => n.unread).length;
  const item = (note: PlacedNote) => (
    <li key={note.thread.id}>
      <button
        type="button"
        onClick={() => onOpen(note)}
        aria-current={note.thread.id === selectedId}
        data-testid="note-item"
        className={`flex w-full items-start gap-2 rounded-lg p-1.5 text-left hover:bg-ink-800 ${note.thread.id === selectedId ? "bg-ink-800" : ""} ${note.thread.status === "resolved" ? "opacity-60" : ""}`}
      >
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={note.thread.thumbnail} alt="" width={40} height={40} className="h-10 w-10 shrink-0 rounded" />
        <span className="flex min-w-0 flex-1 flex-col">
          <span className="flex items-center gap-1.5 text-[11px] text-ink-400">
            <span aria-hidden className="h-2 w-2 rounded-full" style={{ backgroundColor: note.thread.author.color }} />
            <span className="truncate">{note.thread.author.name}</span>
            <span className="font-mono">{whereOf(note)}</span>
            {note.unread && <span className="ml-auto h-2 w-2 shrink-0 rounded-full bg-accent-400" aria-label="unread" />}
            {note.mentionsMe && <span className="rounded bg-amber-400/30 px-1 text-[10px] text-amber-100">@you</span>}
          </span>
          <span className="truncate text-xs text-ink-200">{note.thread.comments[0]?.body || "(deleted)"}</span>
          {note.thread.comments.length > 1 && <span className="text-[10px] text-ink-500">{note.thread.comments.length - 1} {note.thread.comments.length === 2 ? "reply" : "replies"}</span>}
        </span>
      </button>
    </li>
  );
  return (
    <section className="flex flex-col gap-3" aria-label="Notes" data-testid="notes-panel">
      {detail}
      <div className="flex items-center justify-between">
        <h2 className="text-xs font-medium uppercase tracking-wider text-ink-400">Notes</h2>
        {unread > 0 && (
          <span className="rounded-full bg-accent-500/30 px-2 text-[11px] text-accent-100" data-testid="notes-new">
            {unread} new
          </span>
        )}
      </div>
      <div className="flex flex-wrap gap-1" role="group" aria-label="Show notes">
        {FILTERS.map((f) => (
          <button key={f.id} type="button" aria-pressed={filter === f.id} onClick={() => setFilter(f.id)} className="rounded-md px-2 py-0.5 text-xs text-ink-300 hover:text-white aria-pressed:bg-ink-700 aria-pressed:text-white">
            {f.label}
          </button>
        ))}
      </div>
      {shown.length === 0 ? (
        <p className="text-xs text-ink-400">{canComment ? "No notes here. Press C to write one on the frame on screen." : "No notes here. As a viewer you read notes; commenters and up write them."}</p>
      ) : (
        <ul className="flex flex-col gap-0.5">{shown.filter((n) => n.frame !== null).map(item)}</ul>
      )}
      {shown.some((n) => n.frame === null) && (
        <>
          <h3 className="text-[11px] font-medium uppercase tracking-wider text-ink-400">Keyframes deleted</h3>
          <ul className="flex flex-col gap-0.5" data-testid="orphaned-notes">
            {shown.filter((n) => n.frame === null).map(item)}
          </ul>
        </>
      )}
      <p className="flex gap-3 text-xs">
        <a href={`/rooms/${roomId}/notes?format=csv`} className="text-accent-300 hover:text-accent-200" download>
          Notes as CSV
        </a>
        <a href={`/rooms/${roomId}/notes?format=html`} target="_blank" rel="noreferrer" className="text-accent-300 hover:text-accent-200">
          Printable notes
        </a>
      </p>
    </section>
  );
}
