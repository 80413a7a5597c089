"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import type { RoomContent, RoomDoc } from "@umbra/doc";
import type { RoomVersion, VersionPerson } from "@umbra/protocol";
import { attributeChanges } from "./change-attribution";
import type { VersionsLayout } from "./comparison";
import type { RoomClient } from "./room-client/room-client";
import type { VersionsClient, VersionsQuery, VersionsState } from "./room-client/versions-client";
import { versionPresenceLabel } from "./version-label";
import { useStore } from "./use-store";

/** The version looked at in History: the studio shows its chains, read-only. */
export interface PreviewedVersion {
  version: RoomVersion;
  content: RoomContent;
}

/** Two versions compared: the earlier beside the one the studio shows (a later version previewed, or the room now). */
export interface ComparedVersions {
  earlier: PreviewedVersion;
  /** null: the room as it is now. */
  later: RoomVersion | null;
  layout: VersionsLayout;
  /** Who edited the room between the two, as far as History knows. */
  editors: VersionPerson[];
  /** Who changed each keyframe (by id), from the versions kept between the two. */
  changedBy: Record<string, VersionPerson[]>;
}

export interface RoomHistory extends VersionsState {
  /** You may save and restore versions: an editor, with the room's document open. */
  canRestore: boolean;
  /** The History panel is open. */
  open: boolean;
  setOpen(open: boolean): void;
  previewing: PreviewedVersion | null;
  preview(version: RoomVersion): Promise<void>;
  comparing: ComparedVersions | null;
  /** Compares a version with another, or with the room as it is now: the later one is shown, the earlier beside it. */
  compare(version: RoomVersion, other: RoomVersion | "now"): Promise<void>;
  setLayout(layout: VersionsLayout): void;
  stopCompare(): void;
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
/** A comparison says who changed each keyframe when at most this many versions lie between (each is read). */
const ATTRIBUTED_STEPS = 12;

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
  const [comparing, setComparing] = useState<ComparedVersions | null>(null);
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
      if (done(content) !== null || !content.ok) return;
      setPreviewing({ version, content: content.value });
      setComparing(null);
    },
    [versions, done],
  );
  const stopPreview = useCallback(() => {
    setPreviewing(null);
    setComparing(null);
  }, []);
  const compare = useCallback(
    async (version: RoomVersion, other: RoomVersion | "now") => {
      if (!versions) return void setProblem(NOT_CONNECTED);
      const [earlier, later] = other === "now" || other.createdAt > version.createdAt ? [version, other === "now" ? null : other] : [other, version];
      const [earlierContent, laterContent] = await Promise.all([versions.content(earlier.id), later ? versions.content(later.id) : null]);
      if (done(earlierContent) !== null || !earlierContent.ok) return;
      if (laterContent && (done(laterContent) !== null || !laterContent.ok)) return;
      // Everyone who edited after the earlier one, up to the later one; and, version by version, who changed what.
      const between = state.versions.filter((v) => v.createdAt > earlier.createdAt && (!later || v.createdAt <= later.createdAt)).reverse();
      const editors = [...new Map(between.flatMap((v) => v.contributors).map((p) => [`${p.id}\n${p.name}`, p])).values()];
      const steps = between.length <= ATTRIBUTED_STEPS ? await Promise.all(between.map((v) => versions.content(v.id))) : [];
      const changedBy = steps.every((c) => c.ok) ? attributeChanges(earlierContent.value.chains, steps.map((c, i) => ({ chains: c.ok ? c.value.chains : [], by: between[i]!.contributors }))) : {};
      setPreviewing(later && laterContent?.ok ? { version: later, content: laterContent.value } : null);
      setComparing({ earlier: { version: earlier, content: earlierContent.value }, later, layout: "side", editors, changedBy });
    },
    [versions, done, state.versions],
  );
  const setLayout = useCallback((layout: VersionsLayout) => setComparing((shown) => shown && { ...shown, layout }), []);
  const stopCompare = useCallback(() => setComparing(null), []);
  const save = useCallback(async (name: string, note: string) => (versions ? done(await versions.save(name, note)) : NOT_CONNECTED), [versions, done]);
  const restore = useCallback(
    async (version: RoomVersion) => {
      if (!versions || !room) return NOT_CONNECTED;
      const problem = done(await versions.restore(version.id, room));
      if (problem === null) {
        setPreviewing(null);
        setComparing(null);
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
    () => ({
      ...state,
      canRestore: room !== null,
      open,
      setOpen,
      previewing,
      preview,
      comparing,
      compare,
      setLayout,
      stopCompare,
      confirming,
      askRestore,
      stopPreview,
      setQuery,
      loadMore,
      save,
      restore,
      restoreChain,
      remove,
      problem,
    }),
    [state, room, open, previewing, preview, comparing, compare, setLayout, stopCompare, confirming, stopPreview, setQuery, loadMore, save, restore, restoreChain, remove, problem],
  );
}
