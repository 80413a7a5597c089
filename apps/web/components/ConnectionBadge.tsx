import type { WorkerSummary } from "@umbra/protocol";
import type { DocStatus } from "@/lib/room-client/room-doc-connection";
import type { ConnectionState } from "@/lib/use-room-frames";

const dot: Record<ConnectionState, string> = {
  connected: "bg-emerald-400 shadow-emerald-400/50",
  connecting: "bg-amber-400 shadow-amber-400/50 animate-pulse",
  offline: "bg-rose-500 shadow-rose-500/50",
};
const label: Record<ConnectionState, string> = { connected: "Connected", connecting: "Connecting…", offline: "Offline" };

const docDot: Record<DocStatus, string> = { synced: dot.connected, connecting: dot.connecting, offline: dot.offline };
const docLabel = (status: DocStatus, waiting: number): string => {
  if (status === "synced") return "Synced";
  const edits = waiting === 0 ? "" : ` · ${waiting} ${waiting === 1 ? "edit" : "edits"} kept here`;
  return status === "connecting" ? `Syncing…${edits}` : `Offline${edits || ": edits are kept here"}`;
};

/** Connection to collab-server (frames), the document's sync state, and which backend the render workers use. */
export function ConnectionBadge({ connection, joined, workers, document, waiting }: { connection: ConnectionState; joined: boolean; workers: WorkerSummary[]; document: DocStatus; waiting: number }) {
  const worker = workers[0];
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs">
      <span data-testid="connection" className="inline-flex items-center gap-2 rounded-full border border-ink-700 bg-ink-900 px-2.5 py-1">
        <span className={`h-2 w-2 rounded-full shadow-[0_0_6px] ${dot[connection]}`} />
        {label[connection]}
      </span>
      <span data-testid="doc-status" className="inline-flex items-center gap-2 rounded-full border border-ink-700 bg-ink-900 px-2.5 py-1" title="The shared document (chains and keyframes)">
        <span className={`h-2 w-2 rounded-full shadow-[0_0_6px] ${docDot[document]}`} />
        {docLabel(document, waiting)}
      </span>
      <span data-testid="worker-status" className="inline-flex items-center gap-2 rounded-full border border-ink-700 bg-ink-900 px-2.5 py-1 text-ink-200">
        {worker ? (
          <>
            rendering on <strong className="font-semibold text-white">{worker.backend.name}</strong>
            <span className="hidden text-ink-400 2xl:inline">
              {worker.backend.detail}
              {workers.length > 1 ? ` · ${workers.length} workers` : ""}
            </span>
          </>
        ) : joined ? (
          <span className="text-amber-300">no render worker connected</span>
        ) : (
          // Not known until the room is joined: no alarm meanwhile.
          <span className="text-ink-400">render workers…</span>
        )}
      </span>
    </div>
  );
}
