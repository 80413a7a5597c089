"use client";

import { can } from "@umbra/protocol";
import { usePlayheadValue, useStudio } from "@/lib/studio-context";
import { ExportPanel } from "./ExportPanel";

/** The Export tab: the active chain out as video, frames or latents, and the room's export jobs. */
export function ExportTab() {
  const { room, view, review, exports, model } = useStudio();
  const chain = usePlayheadValue((s) => s.chain);
  return <ExportPanel roomId={room.id} chain={chain} view={view} marked={review.marked} canEdit={can(room.role, "export")} exports={exports} modelHasW={model.info?.wSize !== undefined} />;
}
