import { MARROW_SHADOWS } from "@umbra/latent";
import type { ShownFrame } from "@/lib/use-room-frames";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1.5">
      <dt className="text-ink-400">{label}</dt>
      <dd className="truncate text-right font-mono text-ink-200">{children}</dd>
    </div>
  );
}

/** What the shown frame is: its seed, recipe hash and how it was rendered. */
export function FrameDetails({ frame }: { frame: ShownFrame | null }) {
  if (!frame) return null;
  const from = frame.recipe.from;
  return (
    <dl className="divide-y divide-ink-800 rounded-xl border border-ink-700 bg-ink-900 px-4 text-xs">
      <Row label="Seed">
        <span data-testid="frame-seed">{"seed" in from ? from.seed : "w" in from ? "w" : "vector"}</span>
      </Row>
      <Row label="Frame">
        <span title={frame.hash}>{frame.hash.slice(0, 12)}</span>
      </Row>
      <Row label="View">
        <span data-testid="frame-view">
          {frame.recipe.view === "shadows"
            ? `shadows ${(frame.recipe.shadows ?? MARROW_SHADOWS).invert ? "≤" : ">"} ${(frame.recipe.shadows ?? MARROW_SHADOWS).threshold}`
            : "color"}
        </span>
      </Row>
      <Row label="Size">
        {frame.width}×{frame.height}
      </Row>
      <Row label="Render">
        {frame.renderMs.toFixed(0)} ms on {frame.backend.name}
      </Row>
    </dl>
  );
}
