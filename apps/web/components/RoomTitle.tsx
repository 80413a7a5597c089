import type { Room, SnapshotLoading } from "@umbra/protocol";
import { RoleBadge } from "./RoleBadge";

/** The room's name (whole on hover when cut), your role, its model, and a snapshot being loaded. */
export function RoomTitle({ room, loadingSnapshot }: { room: Room; loadingSnapshot: SnapshotLoading | null }) {
  return (
    <div className="flex min-w-48 flex-1 items-center gap-3">
      <h1 className="min-w-0 truncate text-lg font-semibold tracking-tight text-white" title={room.name}>
        {room.name}
      </h1>
      <RoleBadge role={room.role} />
      <span className="hidden shrink-0 text-xs text-ink-400 xl:inline">Model {room.model}</span>
      {loadingSnapshot && (
        <span role="status" data-testid="snapshot-loading" className="shrink-0 text-xs text-accent-300">
          loading snapshot {loadingSnapshot.snapshot}… {Math.round(loadingSnapshot.progress * 100)} %
        </span>
      )}
    </div>
  );
}
