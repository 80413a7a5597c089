"use client";

import { useMemo, useState } from "react";
import type { Chain, RoomDoc } from "@umbra/doc";
import type { StudioCommands } from "./actions/studio-actions";

/**
 * The keyframe selected on the timeline, whether its name is being edited, and the
 * commands the action table runs on it (F2, Delete, "," and ".", Esc); only an editor
 * changes the room, anyone may select.
 */
export function useKeyframeSelection(chain: Chain | null, editor: RoomDoc | null) {
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [renaming, setRenaming] = useState(false);
  const selectedIndex = chain?.keyframes.findIndex((k) => k.id === selectedId) ?? -1;
  const commands = useMemo<StudioCommands["keyframe"]>(() => {
    if (!chain || selectedIndex < 0) return null;
    const id = chain.keyframes[selectedIndex]!.id;
    return {
      rename: () => editor && setRenaming(true),
      remove: () => {
        if (!editor) return;
        editor.removeKeyframe(chain.id, id);
        // The selection moves on to the neighbour, so Delete can be pressed again.
        const next = chain.keyframes[selectedIndex + 1] ?? chain.keyframes[selectedIndex - 1];
        setSelectedId(next?.id ?? null);
      },
      move: (delta: -1 | 1) => {
        const to = selectedIndex + delta;
        if (editor && to >= 0 && to < chain.keyframes.length) editor.moveKeyframe(chain.id, id, to);
      },
      deselect: () => setSelectedId(null),
    };
  }, [chain, selectedIndex, editor]);
  return { selectedId, select: setSelectedId, selectedIndex, renaming, setRenaming, commands };
}
