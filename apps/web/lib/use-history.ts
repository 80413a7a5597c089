"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import type { RoomContent, RoomDoc } from "@umbra/doc";
import type { RoomVersion } from "@umbra/protocol";
import type { RoomClient } from "./room-client/room-client";
import type { VersionsClient, VersionsQuery, VersionsState } from "./room-client/versions-client";
import { versionPresenceLabel } from "./version-label";
import { useStore } from "./use-store";

/** The version looked at in History: the studio shows its chains, read-only. */
export interface PreviewedVersion {
  version: RoomVersion;
  content: RoomContent;
}

export interface RoomHistory extends VersionsState {
  /** You may save and restore versions: an editor, with the room's document open. */
  canRestore: boolean;
  /** The History panel is open. */
  open: boolean;
  setOpen(open: boolean): void;
  previewing: PreviewedVersion | null;
  preview(version: RoomVersion): Promise<void>;
  /** The version whose restore waits for a yes (RestoreDialog); null when none. */
  confirming: RoomVersion | null;
  askRestore(version: RoomVersion | null): void;
  stopPreview(): void;
  setQuery(query: VersionsQuery): void;
  loadMore(): void;
  /** Each of these answers null when done, or what went wrong in words. */
  save(name: string, note: string): Promise<string | null>;
  restore(version: RoomVersion): Promise<string | null>;
  restoreChain(version: RoomVersion, chainId: string, mode: "replace" | "copy"): Promise<string | null>;
  remove(version: RoomVersion): Promise<string | null>;
  /** The last thing that went wrong, for the panel to show. */
  problem: string | null;
}

const NO_VERSIONS: VersionsState = { versions: [], more: false, query: { named: false, search: "" }, error: null };
const NOT_CONNECTED = "not connected to the room";

/**
 * The room's History (lib/room-client/versions-client.ts) for React: the list, the
 * version previewed, and saving and restoring; `room` is the room's document where
 * you may edit it, else null.
 */
export function useHistory({ versions, client, room }: { versions: VersionsClient | null; client: RoomClient | null; room: RoomDoc | null }): RoomHistory {
  const state = useStore(versions, (s) => s, NO_VERSIONS);
  const [open, setOpen] = useState(false);
  const [previewing, setPreviewing] = useState<PreviewedVersion | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, askRestore] = useState<RoomVersion | null>(null);
  const done = useCallback((answer: { ok: true } | { ok: false; problem: string }) => {
    const text = answer.ok ? null : answer.problem;
    setProblem(text);
    return text;
  }, []);

  // What the studio shows follows the version previewed; others see that you are in History.
  useEffect(() => {
    client?.previewChains(previewing?.content.chains ?? null, previewing ? versionPresenceLabel(previewing.version) : null);
  }, [client, previewing]);

  const preview = useCallback(
    async (version: RoomVersion) => {
      if (!versions) return void setProblem(NOT_CONNECTED);
      const content = await versions.content(version.id);
      if (done(content) === null && content.ok) setPreviewing({ version, content: content.value });
    },
    [versions, done],
  );
  const stopPreview = useCallback(() => setPreviewing(null), []);
  const save = useCallback(async (name: string, note: string) => (versions ? done(await versions.save(name, note)) : NOT_CONNECTED), [versions, done]);
  const restore = useCallback(
    async (version: RoomVersion) => {
      if (!versions || !room) return NOT_CONNECTED;
      const problem = done(await versions.restore(version.id, room));
      if (problem === null) {
        setPreviewing(null);
        askRestore(null);
      }
      return problem;
    },
    [versions, room, done],
  );
  const restoreChain = useCallback(
    async (version: RoomVersion, chainId: string, mode: "replace" | "copy") => {
      if (!versions || !room) return NOT_CONNECTED;
      const problem = done(await versions.restoreChain(version.id, chainId, mode, room));
      if (problem === null) setPreviewing(null);
      return problem;
    },
    [versions, room, done],
  );
  const remove = useCallback(
    async (version: RoomVersion) => {
      const text = versions ? await versions.remove(version.id) : NOT_CONNECTED;
      setProblem(text);
      if (text === null) setPreviewing((shown) => (shown?.version.id === version.id ? null : shown));
      return text;
    },
    [versions],
  );
  const setQuery = useCallback((query: VersionsQuery) => versions?.load(query), [versions]);
  const loadMore = useCallback(() => versions?.loadMore(), [versions]);

  return useMemo(
    () => ({ ...state, canRestore: room !== null, open, setOpen, previewing, preview, confirming, askRestore, stopPreview, setQuery, loadMore, save, restore, restoreChain, remove, problem }),
    [state, room, open, previewing, preview, confirming, stopPreview, setQuery, loadMore, save, restore, restoreChain, remove, problem],
  );
}
