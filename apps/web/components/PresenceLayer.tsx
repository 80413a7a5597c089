"use client";

import type { Cursor } from "@umbra/protocol";
import { cursorIn } from "@/lib/cursor-in";
import { RemoteCursors } from "./RemoteCursors";

/**
 * Sits over the frame: reports this person's pointer in stage units (so it lands
 * on the same spot of the frame at any size) and draws everyone else's. While a
 * note is being written, a click pins it to that spot (`onSpot`).
 */
export function PresenceLayer({ onCursor, onSpot }: { onCursor: (cursor: Cursor | null) => void; onSpot: ((spot: { x: number; y: number }) => void) | null }) {
  return (
    <div
      className={`absolute inset-0 ${onSpot ? "cursor-crosshair" : ""}`}
      data-testid="presence-layer"
      onPointerMove={(event) => onCursor(cursorIn(event, "stage"))}
      onPointerLeave={() => onCursor(null)}
      onClick={
        onSpot
          ? (event) => {
              const { x, y } = cursorIn(event, "stage");
              onSpot({ x, y });
            }
          : undefined
      }
    >
      <RemoteCursors area="stage" />
    </div>
  );
}
