"use client";

import type { Cursor } from "@umbra/protocol";
import { useLivePeers } from "@/lib/studio-context";

/** Everyone else's cursors over one area, named, placed in that area's 0..1 units and eased between updates; it alone re-renders as they move. */
export function RemoteCursors({ area }: { area: Cursor["area"] }) {
  const peers = useLivePeers();
  return (
    <div className="pointer-events-none absolute inset-0 overflow-hidden">
      {peers.map(({ clientId, state }) =>
        state.cursor?.area === area ? (
          <div
            key={clientId}
            data-testid="remote-cursor"
            className="absolute transition-[left,top] duration-100 ease-out"
            style={{ left: `${state.cursor.x * 100}%`, top: `${state.cursor.y * 100}%` }}
          >
            <svg width="16" height="20" viewBox="0 0 16 20" aria-hidden className="drop-shadow">
              <path d="M1 1 L1 16 L5 12 L8 19 L11 18 L8 11 L14 11 Z" fill={state.user.color} stroke="white" strokeWidth="1.2" />
            </svg>
            <span className="ml-3 whitespace-nowrap rounded-md px-1.5 py-0.5 text-[11px] font-medium text-black" style={{ backgroundColor: state.user.color }}>
              {state.user.name}
            </span>
          </div>
        ) : null,
      )}
    </div>
  );
}
