"use client";

import { useState } from "react";
import type { AnchorState } from "@umbra/doc";
import { REACTIONS, mentions, writtenBy, type Comment, type NoteReaderId, type Thread } from "@umbra/protocol";
import { mentionsIn, type Mentionable } from "@/lib/mentions";
import type { RoomThreads } from "@/lib/use-threads";
import { CommentBody } from "./CommentBody";
import { ConfirmDialog } from "./ConfirmDialog";
import { MentionTextarea } from "./MentionTextarea";
import { NoteThumbnail } from "./NoteThumbnail";

const small = "rounded px-1.5 py-0.5 text-[11px] text-ink-300 hover:bg-ink-800 hover:text-white disabled:opacity-40";

/**
 * One note and its replies: reply with mentions, react, edit or delete your own
 * (the owner deletes any), resolve or reopen, and what only Umbra can do with a
 * pinned frame: promote it to a keyframe, compare it then and now, render it again.
 */
export function ThreadView({
  thread,
  state,
  where,
  me,
  reader,
  members,
  canComment,
  isOwner,
  notes,
  onPromote,
  onCompare,
  onRerender,
  onClose,
  typingNames,
  onTyping,
}: {
  /** The note loaded whole: its comments and drawing. */
  thread: Thread;
  /** Whether the frame at its anchor is still the one pinned. */
  state: AnchorState;
  where: string;
  me: { id: string; name: string };
  reader: NoteReaderId;
  members: Mentionable[];
  canComment: boolean;
  isOwner: boolean;
  notes: RoomThreads;
  onPromote: (() => void) | null;
  onCompare: () => void;
  onRerender: () => void;
  onClose: () => void;
  /** Who else is writing in this thread now (from presence). */
  typingNames: string[];
  /** Tells the room you are writing here (true), or stopped (false). */
  onTyping: (typing: boolean) => void;
}) {
  const [reply, setReply] = useState("");
  const [deleting, setDeleting] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  // Mentions of anyone, you included, are marked in the text.
  const names = [...members.map((m) => m.name), me.name];
  const send = async () => {
    if (!reply.trim()) return;
    onTyping(false);
    if (await notes.reply(thread.id, reply, mentionsIn(reply, members))) setReply("");
  };
  const saveEdit = async (comment: Comment) => {
    if (draft.trim() && (await notes.edit(comment.id, draft, mentionsIn(draft, members)))) setEditing(null);
  };
  return (
    <section className="flex flex-col gap-3" aria-label="Open note" data-testid="thread">
      <div className="flex items-start gap-3">
        <NoteThumbnail roomId={thread.roomId} hash={thread.thumbnail} size={72} alt="The frame as pinned" />
        <div className="flex min-w-0 flex-1 flex-col gap-1 text-xs">
          <p className="font-mono text-white" data-testid="thread-where">
            {where}
          </p>
          {state === "moved" && <p className="text-amber-300">The frame changed since this was pinned.</p>}
          {state === "orphaned" && <p className="text-rose-300">Its keyframes were deleted: the note keeps its frame as pinned.</p>}
          <p className="text-ink-400">{thread.status === "resolved" ? `Resolved by ${thread.resolvedBy?.name ?? "someone"}` : "Open"}</p>
        </div>
        <button type="button" onClick={onClose} aria-label="Close the note" className={small}>
          ✕
        </button>
      </div>
      <div className="flex flex-wrap gap-1">
        {canComment && (
          <button type="button" className={small} onClick={() => void notes.resolve(thread.id, thread.status === "open")}>
            {thread.status === "open" ? "Resolve" : "Reopen"}
          </button>
        )}
        <button type="button" className={small} onClick={onCompare} disabled={state === "orphaned"} title="The frame as pinned beside today's frame at its anchor">
          Compare then and now
        </button>
        <button type="button" className={small} onClick={onRerender} title="The pinned recipe rendered again, large">
          Re-render
        </button>
        {onPromote && (
          <button type="button" className={small} onClick={onPromote} title="Insert the pinned frame's latent as a keyframe at its place">
            Promote to keyframe
          </button>
        )}
        {isOwner && (
          <button type="button" className={`${small} hover:text-rose-300`} onClick={() => setDeleting(true)}>
            Delete note
          </button>
        )}
      </div>
      <ol className="flex flex-col gap-3">
        {thread.comments.map((comment) => (
          <li key={comment.id} className={`flex flex-col gap-1 rounded-lg p-2 ${mentions(reader, comment) ? "bg-amber-400/10 ring-1 ring-amber-400/40" : "bg-ink-900"}`} data-testid="comment">
            <div className="flex items-center gap-2 text-xs">
              <span aria-hidden className="h-2 w-2 rounded-full" style={{ backgroundColor: comment.author.color }} />
              <span className="font-medium text-white">{comment.author.name}</span>
              <time className="text-ink-500" dateTime={comment.createdAt}>
                {comment.createdAt.slice(11, 16)}
              </time>
              {comment.editedAt && !comment.deletedAt && <span className="text-ink-500">edited</span>}
            </div>
            {comment.deletedAt ? (
              <p className="text-xs italic text-ink-500">Comment deleted.</p>
            ) : editing === comment.id ? (
              <MentionTextarea label="Edit comment" value={draft} members={members} placeholder="" onChange={setDraft} onSubmit={() => void saveEdit(comment)} onCancel={() => setEditing(null)} />
            ) : (
              <CommentBody body={comment.body} mentionNames={names} myName={me.name} />
            )}
            {!comment.deletedAt && (
              <div className="flex flex-wrap items-center gap-1">
                {REACTIONS.map((emoji) => {
                  const who = comment.reactions.find((r) => r.emoji === emoji)?.userIds ?? [];
                  if (who.length === 0 && !canComment) return null;
                  return (
                    <button
                      key={emoji}
                      type="button"
                      disabled={!canComment}
                      aria-pressed={who.includes(me.id)}
                      aria-label={`React ${emoji}`}
                      onClick={() => void notes.react(comment.id, emoji)}
                      className={`rounded-full px-1.5 text-xs ${who.length ? "bg-ink-800 text-white" : "opacity-40 hover:opacity-100"} aria-pressed:ring-1 aria-pressed:ring-accent-400`}
                    >
                      {emoji}
                      {who.length > 0 && <span className="ml-0.5 text-[10px]">{who.length}</span>}
                    </button>
                  );
                })}
                {writtenBy(reader, comment) && canComment && editing !== comment.id && (
                  <button
                    type="button"
                    className={small}
                    onClick={() => {
                      setEditing(comment.id);
                      setDraft(comment.body);
                    }}
                  >
                    Edit
                  </button>
                )}
                {(writtenBy(reader, comment) || isOwner) && canComment && (
                  <button type="button" className={`${small} hover:text-rose-300`} onClick={() => void notes.remove(comment.id)}>
                    Delete
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ol>
      {deleting && (
        <ConfirmDialog title="Delete this note?" confirm="Delete it" onConfirm={() => void notes.bulk("delete", { ids: [thread.id] }).then(() => setDeleting(false))} onCancel={() => setDeleting(false)}>
          Its {thread.comments.length} {thread.comments.length === 1 ? "comment" : "comments"}, drawing and thumbnail go for everyone in the room. This cannot be undone.
        </ConfirmDialog>
      )}
      {typingNames.length > 0 && (
        <p className="text-xs italic text-ink-400" data-testid="typing" role="status">
          {typingNames.join(", ")} {typingNames.length === 1 ? "is" : "are"} typing…
        </p>
      )}
      {canComment && (
        <div className="flex flex-col gap-1">
          <MentionTextarea
            label="Reply"
            value={reply}
            members={members}
            placeholder="Reply… @ to mention"
            onChange={(text) => {
              setReply(text);
              onTyping(text.trim() !== "");
            }}
            onSubmit={() => void send()}
          />
          <div className="flex items-center justify-between gap-2 text-[11px] text-ink-500">
            <span>Enter sends · Shift+Enter for a new line</span>
            <button type="button" disabled={!reply.trim()} onClick={() => void send()} className="rounded-md bg-accent-500 px-3 py-1 text-xs font-medium text-white enabled:hover:bg-accent-400 disabled:opacity-40">
              Send
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
