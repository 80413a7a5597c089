"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import type { Me, RealtimeToken, Room, ThreadSummaryPack } from "@umbra/protocol";
import { FrameNumberingContext } from "@/lib/frame-numbering";
import { resolveCollabUrl, type PublicCollabAddress } from "@/lib/public-collab-url";
import { StudioContext } from "@/lib/studio-context";
import { useRoomStudio } from "@/lib/use-room-studio";
import { ChainsTab } from "./ChainsTab";
import { PreviewStage } from "./PreviewStage";
import { SidePanel } from "./SidePanel";
import { StudioHeader } from "./StudioHeader";
import { TimelineArea } from "./TimelineArea";

// What the first paint does not show loads when first opened: a smaller script to run before the room shows.
const SeedsTab = dynamic(() => import("./SeedsTab").then((m) => m.SeedsTab));
const FrameTab = dynamic(() => import("./FrameTab").then((m) => m.FrameTab));
const StyleTab = dynamic(() => import("./StyleTab").then((m) => m.StyleTab));
const NotesTab = dynamic(() => import("./NotesTab").then((m) => m.NotesTab));
const ExportTab = dynamic(() => import("./ExportTab").then((m) => m.ExportTab));
const SharePanel = dynamic(() => import("./SharePanel").then((m) => m.SharePanel));
const HistoryPanel = dynamic(() => import("./HistoryPanel").then((m) => m.HistoryPanel));
const RestoreDialog = dynamic(() => import("./RestoreDialog").then((m) => m.RestoreDialog));
const ShortcutSheet = dynamic(() => import("./ShortcutSheet").then((m) => m.ShortcutSheet));

/**
 * A room: the shared preview with everyone's cursors, the chains and their timeline,
 * presence and follow, review, exports, and sharing for the owner. It only lays the
 * panels out: each reads the open room (lib/studio-context.ts), and what moves all
 * the time (the playhead, cursors, arriving frames) only where it is shown.
 */
export function RoomStudio({
  room,
  me,
  collab,
  token,
  document,
  notes,
}: {
  room: Room;
  me: Me;
  collab: PublicCollabAddress;
  token: RealtimeToken | null;
  document: string | null;
  notes: ThreadSummaryPack | null;
}) {
  // The browser's own location decides the default collab URL. Known from the first render in the
  // browser, so the sockets open in the first effects rather than after another render of the studio;
  // it is never shown, so the server's render (which connects nothing) matches.
  const [collabUrl] = useState(() => (typeof window === "undefined" ? null : resolveCollabUrl(collab, window.location)));
  const { studio, accessLost } = useRoomStudio({ room, me, collabUrl, token, document, notes });
  const [sharing, setSharing] = useState(false);

  if (accessLost !== null) {
    return (
      <div className="mx-auto flex max-w-md flex-col gap-3 rounded-2xl border border-rose-900 bg-rose-950/30 p-6" role="alert" data-testid="access-lost">
        <h1 className="text-lg font-semibold text-white">You no longer have access to {studio.room.name}</h1>
        <p className="text-sm text-rose-200">{accessLost}</p>
        <Link href="/" className="self-start rounded-lg border border-ink-600 px-3 py-1.5 text-sm text-ink-200 hover:bg-ink-800">
          Back to your rooms
        </Link>
      </div>
    );
  }

  const { canEdit, importFile, review, exports, history, tab, setTab, showingShortcuts, toggleShortcuts } = studio;
  return (
    <StudioContext.Provider value={studio}>
      <FrameNumberingContext.Provider value={studio.doc.numbering}>
        <div
          data-studio
          className="flex h-[calc(100dvh-3.5rem)] min-h-0 flex-col overflow-hidden"
          // A file dropped anywhere on the studio is imported as a chain (editors); keyframe drags carry no files.
          onDragOver={(event) => canEdit && event.dataTransfer.types.includes("Files") && event.preventDefault()}
          onDrop={(event) => {
            const file = event.dataTransfer.files[0];
            if (!canEdit || !file) return;
            event.preventDefault();
            void importFile(file);
          }}
        >
          <StudioHeader sharing={sharing} onSharing={setSharing} />
          <div className="relative flex min-h-0 flex-1">
            <PreviewStage />
            {history.open ? (
              // History takes the side panel's place, so the stage (and the banner of a version previewed) stays in view.
              <aside className="flex min-h-0 w-80 shrink-0 flex-col overflow-y-auto border-l border-ink-800 bg-ink-900/50 p-3 xl:w-96" aria-label="Side panel">
                <HistoryPanel history={history} canEdit={history.canRestore} isOwner={studio.room.role === "owner"} onClose={() => history.setOpen(false)} />
              </aside>
            ) : (
              <SidePanel
                tab={tab}
                onTab={setTab}
                tabs={[
                  { id: "chains", label: "Chains", content: <ChainsTab /> },
                  { id: "seeds", label: "Seeds", content: <SeedsTab /> },
                  { id: "frame", label: "Frame", content: <FrameTab /> },
                  { id: "style", label: "Style", content: <StyleTab /> },
                  { id: "notes", label: review.notes.some((n) => n.unread) ? "Notes •" : "Notes", content: <NotesTab /> },
                  { id: "export", label: exports.exports.some((j) => j.status === "running") ? "Export •" : "Export", content: <ExportTab /> },
                ]}
              />
            )}
            {sharing && (
              <div className="absolute right-3 top-3 z-20 max-h-[calc(100%-1.5rem)] w-[28rem] max-w-[calc(100%-1.5rem)] overflow-y-auto rounded-2xl shadow-2xl shadow-black/60">
                <SharePanel roomId={studio.room.id} />
              </div>
            )}
          </div>
          <TimelineArea />
          {showingShortcuts && <ShortcutSheet onClose={toggleShortcuts} />}
          {history.confirming && <RestoreDialog history={history} />}
        </div>
      </FrameNumberingContext.Provider>
    </StudioContext.Provider>
  );
}
