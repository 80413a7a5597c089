"use client";

import { createContext, useContext } from "react";
import { DEFAULT_FRAME_NUMBERING, type FrameNumbering } from "@umbra/doc";

/** How the room counts frames (room settings), for every component that shows a frame number or timecode. */
export const FrameNumberingContext = createContext<FrameNumbering>(DEFAULT_FRAME_NUMBERING);

export function useFrameNumbering(): FrameNumbering {
  return useContext(FrameNumberingContext);
}
