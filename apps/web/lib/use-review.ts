"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { anchorAt, anchorRecipe, frameWhere, roomRecipeOverrides, type AnchorState, type Chain, type FrameNumbering } from "@umbra/doc";
import { frameKeyframeLatent, type FrameRecipe, type LatentRef, type StyleMix } from "@umbra/latent";
import type { DrawingChange, DrawingObject, NoteReaderId, ThreadSummaryPack } from "@umbra/protocol";
import { loadMembers } from "@/app/rooms/[roomId]/actions";
import type { Mentionable } from "./mentions";
import { adjacentNote, noteState, placeNotes, type PlacedNote } from "./placed-notes";
import { useThreads, type RoomThreads } from "./use-threads";
import type { Look } from "./room-client/room-client";
import type { ThreadsClient } from "./room-client/threads-client";
import type { DrawingPen } from "./drawing-pen";

/** Side length of a note's frozen thumbnail. */
const THUMB = 96;
/** Onion skin: drawings fade over this many frames either side, unless changed. */
const DEFAULT_ONION = 3;

/** The frame on screen as a small JPEG data URL, kept with a note. */
async function thumbnailOf(url: string): Promise<string> {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = THUMB;
  canvas.height = THUMB;
  canvas.getContext("2d")!.drawImage(image, 0, 0, THUMB, THUMB);
  return canvas.toDataURL("image/jpeg", 0.8);
}

export interface ReviewInput {
  roomId: string;
  threads: ThreadsClient | null;
  /** The notes the page came with, shown until the room's connection has its own. */
  bootNotes: ThreadSummaryPack | null;
  me: { id: string; name: string };
  signedAs: { name: string; color: string } | null;
  /** Local mode: everyone is the one local user, so mentions name the people present. */
  presentNames: string[];
  chains: Chain[];
  roomTruncation: number | null;
  /** How the room counts frames, for where a note sits. */
  numbering: FrameNumbering;
  /** What is on screen now, read when a note is written, stepped from or drawn on (not at every playhead move). */
  look: () => Look;
  latentSize: number;
  goTo: (chainId: string, frame: number) => void;
  addKeyframe: (chainId: string, latent: LatentRef, at: number, mix?: StyleMix) => void;
  compare: (frames: { label: string; recipe: FrameRecipe }[]) => void;
}

export interface Review {
  threads: RoomThreads;
  notes: PlacedNote[];
  /** Who "you" are to the notes: which comments are yours, which mention you. */
  reader: NoteReaderId;
  /** The people you can @mention (never yourself). */
  members: Mentionable[];
  selected: PlacedNote | null;
  /** Whether the frame at a note's anchor is still the one pinned (for the open note: it builds a recipe). */
  stateOf(note: PlacedNote): AnchorState;
  open(note: PlacedNote): void;
  close(): void;
  /** The note being written, on the frame on screen: its spot, and the end of its range; null when none. */
  composing: { spot: { x: number; y: number } | null; end: number | null } | null;
  /** The range marked with I/O or Shift+drag on the ruler, for the next note. */
  marked: { in: number | null; out: number | null };
  markRange(from: number, to: number): void;
  startNote(spot?: { x: number; y: number }): void;
  cancelNote(): void;
  post(body: string, mentions: string[]): Promise<boolean>;
  markIn(): void;
  markOut(): void;
  step(direction: -1 | 1): void;
  where(note: PlacedNote): string;
  /** The note drawn on at this frame in drawing mode (D): the open note, when the playhead is on its frame; else null. */
  drawingOn(frame: number): string | null;
  toggleDrawing(): void;
  pen: DrawingPen;
  setPen(pen: DrawingPen): void;
  onion: number;
  setOnion(frames: number): void;
  /**
   * The drawings that show at a frame of a chain, fading with onion skin, of the notes
   * loaded whole; and the notes whose drawings show there but are not loaded yet.
   */
  drawingsAt(chainId: string | null, frame: number): { layers: { threadId: string; objects: DrawingObject[]; opacity: number }[]; toLoad: string[] };
  draw(change: DrawingChange): void;
  undoStroke: (() => void) | null;
  promote: (note: PlacedNote) => (() => void) | null;
  compareThenNow(note: PlacedNote): void;
  rerender(note: PlacedNote): void;
  /** A sentence when something a person asked for could not be done. */
  problem: string | null;
}

/**
 * Review in the studio: the room's notes placed on today's chains, the open note,
 * writing one on the frame on screen (C, a click for a spot, I/O for a range),
 * [ and ] between notes, drawing on a note's frame (D) with onion skin, and the
 * note actions that need the latent.
 */
export function useReview(input: ReviewInput): Review {
  const { roomId, threads: threadsClient, bootNotes, me, signedAs, presentNames, chains, roomTruncation, numbering, look, latentSize, goTo, addKeyframe, compare } = input;
  const threads = useThreads(threadsClient, bootNotes);
  // The store's commands are stable: hooks below depend on them, not on the store's changing state.
  const { markRead, create: createThread, draw: drawOnThread } = threads;
  const reader = useMemo<NoteReaderId>(() => ({ userId: me.id, localName: signedAs ? me.name : null }), [signedAs, me.id, me.name]);
  const notes = useMemo(() => placeNotes(threads.summaries, threads.whole, chains), [threads.summaries, threads.whole, chains]);
  const [accountMembers, setAccountMembers] = useState<Mentionable[]>([]);
  const names = presentNames.join("\n");
  const members = useMemo(
    // Everyone you could mention: not yourself.
    () => (signedAs ? [...new Set(names.split("\n"))].filter((name) => name && name !== me.name).map((name) => ({ id: me.id, name })) : accountMembers.filter((m) => m.id !== me.id)),
    [signedAs, me.id, me.name, names, accountMembers],
  );
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [composing, setComposing] = useState<Review["composing"]>(null);
  const composingRef = useRef(composing);
  composingRef.current = composing;
  const [range, setRange] = useState<{ in: number | null; out: number | null }>({ in: null, out: null });
  const [drawing, setDrawing] = useState(false);
  const [pen, setPen] = useState<DrawingPen>({ tool: "arrow", color: "#ff5a5f", width: 3, text: "" });
  const [onion, setOnion] = useState(DEFAULT_ONION);
  const [mine, setMine] = useState<{ threadId: string; objectId: string }[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (signedAs) return;
    void loadMembers(roomId).then((result) => {
      if (result.ok) setAccountMembers(result.value);
      else setProblem(`Could not list the room's members for @mentions: ${result.message}`);
    });
  }, [roomId, signedAs]);

  const selected = notes.find((n) => n.thread.id === selectedId) ?? null;
  // The open note's comments and drawing (again after a reconnect, which forgets whole threads).
  const { want } = threads;
  const selectedMissing = selected !== null && selected.whole === null;
  useEffect(() => {
    if (selectedId !== null && selectedMissing) want([selectedId]);
  }, [selectedId, selectedMissing, want]);
  const open = useCallback(
    (note: PlacedNote) => {
      setSelectedId(note.thread.id);
      if (note.frame !== null) goTo(note.thread.anchor.chainId, note.frame);
      markRead(note.thread.id);
    },
    [goTo, markRead],
  );
  const where = useCallback(
    (note: PlacedNote) => {
      const fps = chains.find((c) => c.id === note.thread.anchor.chainId)?.fps ?? 24;
      return note.frame === null ? "keyframes deleted" : frameWhere(note.frame, fps, numbering);
    },
    [chains, numbering],
  );

  const startNote = useCallback(
    (spot?: { x: number; y: number }) => {
      const { chain, chainRecipe } = look();
      if (!chain || !chainRecipe) return setProblem("Notes pin to a chain's frames: go to a frame of a chain (a scratch frame is in none), then press C.");
      setProblem(null);
      setDrawing(false);
      // A marked range: the note starts where it starts, and that frame is what the screen shows.
      const ends = [range.in, range.out].filter((n): n is number => n !== null).sort((a, b) => a - b);
      const ranged = ends.length === 2 && ends[0] !== ends[1];
      if (ranged && !composingRef.current) goTo(chain.id, ends[0]!);
      setComposing((current) => ({ spot: spot ?? current?.spot ?? null, end: ranged ? ends[1]! : (current?.end ?? null) }));
    },
    [look, range, goTo],
  );

  const post = useCallback(
    async (body: string, mentions: string[]) => {
      const { chain, frame, chainRecipe, shownUrl } = look();
      if (!chain || !composing) return false;
      if (!chainRecipe || !shownUrl) {
        setProblem("The note was not posted: notes pin to a chain's frame, and the frame on screen is a scratch frame or has not arrived yet.");
        return false;
      }
      // Pinned to the frame on screen now, with the recipe and image of that very frame.
      const anchor = anchorAt(chain, frame);
      if (!anchor) return false;
      const rangeEnd = composing.end !== null && composing.end > frame ? anchorAt(chain, composing.end) : null;
      const thread = await createThread({ anchor, rangeEnd, spot: composing.spot, recipe: chainRecipe, thumbnail: await thumbnailOf(shownUrl), body, mentions });
      if (!thread) return false;
      setProblem(null);
      setComposing(null);
      setRange({ in: null, out: null });
      setSelectedId(thread.id);
      return true;
    },
    [look, composing, createThread],
  );

  const step = useCallback(
    (direction: -1 | 1) => {
      const { chain, frame } = look();
      const onChain = notes.filter((n) => n.thread.anchor.chainId === chain?.id);
      const next = adjacentNote(onChain, frame, direction);
      if (next) open(next);
    },
    [notes, look, open],
  );

  // Drawings show on their note's frame, fading over the neighbouring frames.
  const drawingsAt = useCallback(
    (chainId: string | null, frame: number) => {
      const near = notes.filter((n) => n.frame !== null && n.thread.anchor.chainId === chainId && n.thread.drawn && Math.abs(n.frame - frame) <= onion);
      const layers = near.flatMap((n) => {
        if (!n.whole || n.whole.drawing.length === 0) return [];
        const distance = Math.abs(n.frame! - frame);
        return [{ threadId: n.thread.id, objects: n.whole.drawing, opacity: distance === 0 ? 1 : 0.5 * (1 - distance / (onion + 1)) }];
      });
      return { layers, toLoad: near.filter((n) => !n.whole).map((n) => n.thread.id) };
    },
    [notes, onion],
  );
  const draw = useCallback(
    (change: DrawingChange) => {
      void drawOnThread(change).then((ok) => {
        if (ok && change.op === "put") setMine((list) => [...list, { threadId: change.threadId, objectId: change.object.id }]);
      });
    },
    [drawOnThread],
  );
  const last = mine.at(-1);

  return {
    threads,
    notes,
    reader,
    members,
    selected,
    stateOf: (note) => noteState(note, chains, roomTruncation),
    open,
    close: () => {
      setSelectedId(null);
      setDrawing(false);
    },
    composing,
    startNote,
    cancelNote: () => setComposing(null),
    post,
    marked: range,
    markRange: (from, to) => setRange({ in: Math.min(from, to), out: Math.max(from, to) }),
    markIn: () => setRange((r) => ({ ...r, in: look().frame })),
    markOut: () => setRange((r) => ({ ...r, out: look().frame })),
    step,
    where,
    drawingOn: (frame) => (drawing && selected && selected.frame === frame ? selected.thread.id : null),
    toggleDrawing: () => {
      if (drawing) return setDrawing(false);
      if (!selected || selected.frame !== look().frame) return setProblem("Drawing goes on a note: open one on this frame, or write one with C, then press D.");
      setProblem(null);
      setDrawing(true);
    },
    pen,
    setPen,
    onion,
    setOnion,
    drawingsAt,
    draw,
    undoStroke: last
      ? () => {
          setMine((list) => list.slice(0, -1));
          void threads.draw({ op: "delete", threadId: last.threadId, objectId: last.objectId });
        }
      : null,
    promote: (note) => {
      if (!note.whole) return null;
      const today = anchorRecipe(chains, note.thread.anchor, note.thread.pinned);
      // A pinned frame that no single keyframe holds (a mix in between) cannot be promoted.
      const pinned = frameKeyframeLatent(note.whole.recipe, latentSize);
      if (!today || !pinned || note.thread.anchor.kind !== "transition") return null;
      const { anchor } = note.thread;
      return () => {
        const owner = chains.find((c) => c.id === anchor.chainId);
        const index = owner?.keyframes.findIndex((k) => k.id === anchor.fromKeyframeId) ?? -1;
        if (!owner || index < 0) return;
        addKeyframe(owner.id, pinned.latent, index + 1, pinned.mix);
      };
    },
    compareThenNow: (note) => {
      const today = anchorRecipe(chains, note.thread.anchor, note.thread.pinned, roomRecipeOverrides(roomTruncation));
      if (!today || !note.whole) return;
      compare([
        { label: "Then · as pinned", recipe: note.whole.recipe },
        { label: `Now · ${where(note)}`, recipe: today.recipe },
      ]);
    },
    rerender: (note) => {
      if (note.whole) compare([{ label: "As pinned, rendered again at 1024²", recipe: { ...note.whole.recipe, width: 1024, height: 1024 } }]);
    },
    problem: problem ?? threads.error,
  };
}
