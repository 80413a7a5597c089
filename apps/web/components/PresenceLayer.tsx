"use client";

import type { Cursor } from "@umbra/protocol";
import { cursorIn } from "@/lib/cursor-in";
import type { Peer } from "@/lib/use-room-doc";
import { RemoteCursors } from "./RemoteCursors";

/**
 * Sits over the frame: reports this person's pointer in stage units (so it lands
 * on the same spot of the frame at any size) and draws everyone else's.
 */
export function PresenceLayer({ peers, onCursor }: { peers: Peer[]; onCursor: (cursor: Cursor | null) => void }) {
  return (
    <div
      className="absolute inset-0"
      data-testid="presence-layer"
      onPointerMove={(event) => onCursor(cursorIn(event, "stage"))}
      onPointerLeave={() => onCursor(null)}
    >
      <RemoteCursors peers={peers} area="stage" />
    </div>
  );
}
