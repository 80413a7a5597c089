"use client";

import { useState, type ReactNode } from "react";
import { COMMENT_LIMITS, writtenBy, type NoteReaderId, type ThreadsBulk } from "@umbra/protocol";
import { useNoteSearch } from "@/lib/use-note-search";
import type { PlacedNote } from "@/lib/placed-notes";
import { NoteBudget } from "./NoteBudget";
import { NoteTidy, authorsOf } from "./NoteTidy";
import { PickOne } from "./PickOne";
import { NoteThumbnail } from "./NoteThumbnail";
import { VirtualRows } from "./VirtualRows";

/** One row of the list: the thumbnail's height and its padding. */
const ROW_PX = 56;
/** The list scrolls within this height, so the open note and the links stay in reach. */
const LIST_PX = 480;

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
  isOwner,
  onOpen,
  onRowsShown,
  chains,
  onBulk,
  onSearch,
  inVersion,
}: {
  roomId: string;
  notes: PlacedNote[];
  reader: NoteReaderId;
  selectedId: string | null;
  detail: ReactNode;
  whereOf: (note: PlacedNote) => string;
  /** Commenters and up write notes; viewers read them. */
  canComment: boolean;
  /** The owner sees how much of the room's note budget is used. */
  isOwner: boolean;
  onOpen: (note: PlacedNote) => void;
  /** The rows drawn now: their notes load whole (first comment, thumbnail). */
  onRowsShown: (threadIds: string[]) => void;
  chains: { id: string; name: string }[];
  /** The owner resolves or deletes many notes at once. */
  onBulk: (action: ThreadsBulk["action"], match: ThreadsBulk["match"]) => Promise<number | null>;
  /** The notes whose comments hold a text, asked of the server (the comments are not all here). */
  onSearch: (text: string) => Promise<{ ids: string[]; more: boolean } | null>;
  /** A version is previewed (History): notes whose keyframes it lacks are not in it, rather than deleted. */
  inVersion: boolean;
}) {
  const [filter, setFilter] = useState<Filter>("open");
  const [author, setAuthor] = useState("");
  const found = useNoteSearch(onSearch);
  // The inbox: what is new to you where you are mentioned or have written.
  const inInbox = (n: PlacedNote) => n.unread && (n.thread.mentionsYou || n.thread.youWrote);
  const shown = notes.filter((n) => (!author || n.thread.author.id === author) && (!found.ids || found.ids.has(n.thread.id)) && (
    filter === "inbox"
      ? inInbox(n)
      : filter === "open"
        ? n.thread.status === "open"
        : filter === "resolved"
          ? n.thread.status === "resolved"
          : filter === "mine"
            ? writtenBy(reader, n.thread)
            : n.thread.mentionsYou),
  );
  const unread = notes.filter((n) => n.unread).length;
  const replies = (note: PlacedNote) => note.thread.comments - 1;
  const item = (note: PlacedNote) => (
    <button
        type="button"
        onClick={() => onOpen(note)}
        aria-current={note.thread.id === selectedId}
        data-testid="note-item"
        className={`flex h-full w-full items-start gap-2 rounded-lg p-1.5 text-left hover:bg-ink-800 ${note.thread.id === selectedId ? "bg-ink-800" : ""} ${note.thread.status === "resolved" ? "opacity-60" : ""}`}
      >
        <NoteThumbnail roomId={roomId} hash={note.whole?.thumbnail} size={40} alt="" />
        <span className="flex min-w-0 flex-1 flex-col">
          <span className="flex items-center gap-1.5 text-[11px] text-ink-400">
            <span aria-hidden className="h-2 w-2 rounded-full" style={{ backgroundColor: note.thread.author.color }} />
            <span className="truncate">{note.thread.author.name}</span>
            <span className="font-mono">{whereOf(note)}</span>
            {note.unread && <span className="ml-auto h-2 w-2 shrink-0 rounded-full bg-accent-400" aria-label="unread" />}
            {note.thread.mentionsYou && <span className="rounded bg-amber-400/30 px-1 text-[10px] text-amber-100">@you</span>}
          </span>
          <span className="truncate text-xs text-ink-200">{note.whole ? note.whole.comments[0]?.body || "(deleted)" : "…"}</span>
          {replies(note) > 0 && <span className="text-[10px] text-ink-500">{replies(note)} {replies(note) === 1 ? "reply" : "replies"}</span>}
        </span>
      </button>
  );
  const list = (items: PlacedNote[], label: string, testId?: string) => (
    <VirtualRows items={items} keyOf={(n) => n.thread.id} rowHeight={ROW_PX} maxHeight={LIST_PX} render={item} onShown={onRowsShown} label={label} testId={testId} />
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
        <PickOne
          label="Show notes by"
          value={author}
          none="by anyone"
          options={authorsOf(notes).map((a) => ({ id: a.id, name: `by ${a.name}` }))}
          onChange={setAuthor}
          className="ml-auto rounded-md border border-ink-700 bg-ink-900 px-1.5 py-0.5 text-xs text-ink-200"
        />
      </div>
      <label className="flex flex-col gap-1 text-xs text-ink-400">
        <input
          type="search"
          value={found.text}
          onChange={(e) => found.setText(e.target.value)}
          placeholder="Search the notes' comments"
          aria-label="Search the notes' comments"
          className="rounded-md border border-ink-700 bg-ink-900 px-2 py-1 text-xs text-ink-100 placeholder:text-ink-500"
        />
        {found.more && <span role="status">Over {COMMENT_LIMITS.searchThreads} notes match: only the first are shown; add a word to narrow it.</span>}
      </label>
      {shown.length === 0 ? (
        <p className="text-xs text-ink-400">{canComment ? "No notes here. Press C to write one on the frame on screen." : "No notes here. As a viewer you read notes; commenters and up write them."}</p>
      ) : (
        list(shown.filter((n) => n.frame !== null), "Notes on the timeline")
      )}
      {shown.some((n) => n.frame === null) && (
        <>
          <h3 className="text-[11px] font-medium uppercase tracking-wider text-ink-400">{inVersion ? "Not in this version" : "Keyframes deleted"}</h3>
          {list(shown.filter((n) => n.frame === null), inVersion ? "Notes not in this version" : "Notes whose keyframes were deleted", "orphaned-notes")}
        </>
      )}
      {isOwner && <NoteTidy notes={notes} chains={chains} onBulk={onBulk} />}
      {isOwner && <NoteBudget roomId={roomId} notes={notes.length} />}
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
