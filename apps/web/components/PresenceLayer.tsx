"use client";

import type { Cursor } from "@umbra/protocol";
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
      onPointerMove={(event) => {
        const box = event.currentTarget.getBoundingClientRect();
        const clamp = (v: number) => Math.min(1, Math.max(0, v));
        onCursor({ area: "stage", x: clamp((event.clientX - box.left) / box.width), y: clamp((event.clientY - box.top) / box.height) });
      }}
      onPointerLeave={() => onCursor(null)}
    >
      <RemoteCursors peers={peers} area="stage" />
    </div>
  );
}
