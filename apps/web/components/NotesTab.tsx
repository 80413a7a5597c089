"use client";

import { useStudio } from "@/lib/studio-context";
import { useStore } from "@/lib/use-store";
import { NotesPanel } from "./NotesPanel";
import { ThreadView } from "./ThreadView";

/** The Notes tab: the room's notes, and the open one's thread. */
export function NotesTab() {
  const { room, review, canComment, openNote, doc, history } = useStudio();
  return (
    <NotesPanel
      roomId={room.id}
      notes={review.notes}
      reader={review.reader}
      selectedId={review.selected?.thread.id ?? null}
      whereOf={review.where}
      canComment={canComment}
      isOwner={room.role === "owner"}
      onOpen={openNote}
      onRowsShown={review.threads.want}
      chains={doc.chains}
      onBulk={review.threads.bulk}
      onSearch={review.threads.search}
      inVersion={history.previewing !== null}
      detail={review.selected && <OpenThread />}
    />
  );
}

/** The open note's thread, with who is typing in it. */
function OpenThread() {
  const { room, review, me, myUser, doc, docConnection, canEdit, canComment, share } = useStudio();
  const note = review.selected!;
  const threadId = note.thread.id;
  // Names joined into one string: the thread re-renders when someone starts or stops typing here, not when cursors move.
  const typing = useStore(docConnection, (s) => s.peers.flatMap((p) => (p.state.typing?.threadId === threadId ? [p.state.user.name] : [])).join("\n"), "");
  if (!note.whole)
    return (
      <p className="text-xs text-ink-400" role="status" data-testid="thread-loading">
        Loading the note…
      </p>
    );
  return (
    <ThreadView
      thread={note.whole}
      state={review.stateOf(note)}
      where={`${doc.chains.find((c) => c.id === note.thread.anchor.chainId)?.name ?? "(deleted chain)"} · ${review.where(note)}`}
      me={{ id: me.user.id, name: myUser.displayName }}
      reader={review.reader}
      members={review.members}
      canComment={canComment}
      isOwner={room.role === "owner"}
      notes={review.threads}
      onPromote={canEdit ? review.promote(note) : null}
      onCompare={() => review.compareThenNow(note)}
      onRerender={() => review.rerender(note)}
      onClose={() => {
        share({ typing: null });
        review.close();
      }}
      typingNames={typing === "" ? [] : typing.split("\n")}
      onTyping={(on) => share({ typing: on ? { threadId } : null })}
    />
  );
}
