"use client";

import type { Peer } from "@/lib/use-room-doc";

/**
 * Sits over the frame: reports this person's pointer (in 0..1 stage units, so it
 * lands on the same spot of the frame at any size) and draws everyone else's.
 */
export function PresenceLayer({ peers, onMove }: { peers: Peer[]; onMove: (point: { x: number; y: number } | null) => void }) {
  return (
    <div
      className="absolute inset-0"
      data-testid="presence-layer"
      onPointerMove={(event) => {
        const box = event.currentTarget.getBoundingClientRect();
        const clamp = (v: number) => Math.min(1, Math.max(0, v));
        onMove({ x: clamp((event.clientX - box.left) / box.width), y: clamp((event.clientY - box.top) / box.height) });
      }}
      onPointerLeave={() => onMove(null)}
    >
      {peers.map(({ clientId, state }) =>
        state.cursor ? (
          <div
            key={clientId}
            data-testid="remote-cursor"
            className="pointer-events-none absolute transition-[left,top] duration-75 ease-linear"
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
