"use client";

import { useMemo, useState } from "react";
import type { DrawingChange, Thread, ThreadCreate, ThreadSummaryPack, ThreadsBulk } from "@umbra/protocol";
import type { ThreadsClient, ThreadsState } from "./room-client/threads-client";
import { useStore } from "./use-store";

export interface RoomThreads extends ThreadsState {
  create(note: Omit<ThreadCreate, "as">): Promise<Thread | null>;
  reply(threadId: string, body: string, mentions: string[]): Promise<boolean>;
  edit(commentId: string, body: string, mentions: string[]): Promise<boolean>;
  remove(commentId: string): Promise<boolean>;
  resolve(threadId: string, resolved: boolean): Promise<boolean>;
  react(commentId: string, emoji: string): Promise<boolean>;
  /** Shown at once here; taken back, with the reason, if the server refuses it. */
  draw(change: DrawingChange): Promise<boolean>;
  markRead(threadId: string): void;
  /** Loads these threads whole, unless held or asked for already. */
  want(ids: readonly string[]): void;
  /** The owner resolves or deletes every note matching: how many, or null (see `error`). */
  bulk(action: ThreadsBulk["action"], match: ThreadsBulk["match"]): Promise<number | null>;
  /** The notes one of whose comments holds `text`: their ids, and whether there were more than one answer holds. */
  search(text: string): Promise<{ ids: string[]; more: boolean } | null>;
}

const NO_THREADS: ThreadsState = { summaries: [], whole: {}, loaded: false, error: null };
const bootState = (pack: ThreadSummaryPack | null): ThreadsState => (pack ? { ...NO_THREADS, summaries: pack.summaries, loaded: true } : NO_THREADS);
const offline = async () => null;
const NOT_CONNECTED = { create: offline, reply: async () => false, edit: async () => false, remove: async () => false, resolve: async () => false, react: async () => false, draw: async () => false, markRead: () => {}, want: () => {}, bulk: offline, search: offline };

/**
 * The room's review threads (lib/room-client/threads-client.ts) for React; until the
 * room's connection opens (and on the server), the notes the page came with, if any.
 */
export function useThreads(client: ThreadsClient | null, bootNotes: ThreadSummaryPack | null): RoomThreads {
  const [fallback] = useState(() => bootState(bootNotes));
  const state = useStore(client, (s) => s, fallback);
  return useMemo(() => {
    const commands = client ?? NOT_CONNECTED;
    return { ...state, create: commands.create, reply: commands.reply, edit: commands.edit, remove: commands.remove, resolve: commands.resolve, react: commands.react, draw: commands.draw, markRead: commands.markRead, want: commands.want, bulk: commands.bulk, search: commands.search };
  }, [state, client]);
}
