"use client";

import { usePlayheadValue, useStudio } from "@/lib/studio-context";
import { useShownFrame } from "@/lib/use-shown-frame";
import { CompareControls } from "./CompareView";
import { FrameDetails } from "./FrameDetails";
import { ViewControls } from "./ViewControls";

/** The Frame tab: your view (colour or Shadows), the A/B view, and what the frame on screen is. */
export function FrameTab() {
  const { view, setView, compare, setCompare, model } = useStudio();
  const chain = usePlayheadValue((s) => s.chain);
  const { shown } = useShownFrame();
  return (
    <>
      <ViewControls choice={view} onChange={setView} />
      {chain && <CompareControls mode={compare} snapshots={model.snapshots} current={chain.snapshot} onChange={setCompare} />}
      <FrameDetails frame={shown} />
    </>
  );
}
