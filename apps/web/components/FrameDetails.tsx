import { MARROW_SHADOWS, describeStyleLayers, type StyleMix } from "@umbra/latent";
import { latentName } from "@/lib/seed-grid";
import type { ShownFrame } from "@/lib/use-room-frames";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1.5">
      <dt className="text-ink-400">{label}</dt>
      <dd className="truncate text-right font-mono text-ink-200">{children}</dd>
    </div>
  );
}

const mixText = (mix: StyleMix) => `${describeStyleLayers(mix.layers)} from ${latentName(mix.latent)}`;

/**
 * What the shown frame is: its seed, or on a frame between two keyframes both ends
 * and how far between them it is; style mixes, recipe hash and how it was rendered.
 */
export function FrameDetails({ frame }: { frame: ShownFrame | null }) {
  if (!frame) return null;
  const { from, to, fromMix, toMix, t, interpolation, truncation } = frame.recipe;
  const mixes = [fromMix && mixText(fromMix), t > 0 && toMix && `→ ${mixText(toMix)}`].filter(Boolean).join(" ");
  return (
    <dl className="divide-y divide-ink-800 rounded-xl border border-ink-700 bg-ink-900 px-4 text-xs">
      {t > 0 ? (
        <>
          <Row label="From">
            <span data-testid="frame-seed">{latentName(from)}</span>
          </Row>
          <Row label="To">
            <span data-testid="frame-to">{latentName(to)}</span>
          </Row>
          <Row label="Between">
            <span data-testid="frame-t">
              t {t.toFixed(3)} · {interpolation} · ψ {truncation}
            </span>
          </Row>
        </>
      ) : (
        <Row label="Seed">
          <span data-testid="frame-seed">{"seed" in from ? from.seed : "w" in from ? "w" : "vector"}</span>
        </Row>
      )}
      {mixes && (
        <Row label="Mix">
          <span data-testid="frame-mix" title={mixes}>
            {mixes}
          </span>
        </Row>
      )}
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
