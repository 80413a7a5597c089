"use client";

import { useEffect, useRef, useState } from "react";
import { mentionsIn, type Mentionable } from "@/lib/mentions";
import { MentionTextarea } from "./MentionTextarea";

/**
 * The box for a new note, pinned to the frame on screen (and its spot, when the
 * frame was clicked, and a range, when I/O set one). Enter posts; Esc cancels.
 */
export function NoteComposer({
  where,
  members,
  onPost,
  onCancel,
}: {
  /** "frame 17 · 0:00:16", with the spot and range when there are. */
  where: string;
  members: Mentionable[];
  onPost: (body: string, mentions: string[]) => Promise<boolean>;
  onCancel: () => void;
}) {
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => box.current?.focus(), []);
  const post = async () => {
    if (!text.trim() || sending) return;
    setSending(true);
    const sent = await onPost(text, mentionsIn(text, members));
    setSending(false);
    if (sent) setText("");
  };
  return (
    <div role="dialog" aria-label="New note" className="absolute inset-x-3 bottom-3 z-20 flex flex-col gap-2 rounded-xl border border-accent-500/60 bg-ink-900/95 p-3 shadow-2xl shadow-black/60 backdrop-blur" data-testid="note-composer">
      <p className="text-xs text-ink-300">
        New note on <span className="font-mono text-white">{where}</span> · click the frame to pin a spot · I and O mark a range
      </p>
      <MentionTextarea ref={box} label="Note" value={text} members={members} placeholder="What should change here? @ to mention someone" onChange={setText} onSubmit={() => void post()} onCancel={onCancel} />
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onCancel} className="rounded-md px-3 py-1 text-xs text-ink-300 hover:text-white">
          Cancel
        </button>
        <button type="button" disabled={!text.trim() || sending} onClick={() => void post()} className="rounded-md bg-accent-500 px-3 py-1 text-xs font-medium text-white enabled:hover:bg-accent-400 disabled:opacity-50">
          Post note
        </button>
      </div>
    </div>
  );
}
