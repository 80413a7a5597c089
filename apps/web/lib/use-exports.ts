"use client";

import { useMemo } from "react";
import type { ExportStart } from "@umbra/protocol";
import type { ExportAnswer, ExportsClient, ExportsState } from "./room-client/exports-client";
import { useStore } from "./use-store";

export interface RoomExports extends ExportsState {
  /** The queued export's id, or the reason it was refused. */
  start(settings: ExportStart["settings"]): Promise<ExportAnswer>;
  /** null once cancelled, or the reason it could not be. */
  cancel(exportId: string): Promise<string | null>;
}

const NO_EXPORTS: ExportsState = { exports: [], mp4Encoder: null, error: null };
const NOT_CONNECTED = { start: async (): Promise<ExportAnswer> => ({ ok: false, problem: "not connected to the room" }), cancel: async () => "not connected to the room" };

/** The room's exports (lib/room-client/exports-client.ts) for React; nothing until the room's connection opens. */
export function useExports(client: ExportsClient | null): RoomExports {
  const state = useStore(client, (s) => s, NO_EXPORTS);
  return useMemo(() => ({ ...state, start: (client ?? NOT_CONNECTED).start, cancel: (client ?? NOT_CONNECTED).cancel }), [state, client]);
}
