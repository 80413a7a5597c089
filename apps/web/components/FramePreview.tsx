import type { ShownFrame } from "@/lib/use-room-frames";

/**
 * The frame shown large: the one at your playhead (or at the playhead of the person
 * you follow), or a scratch frame rendered from a seed, marked as not in any chain.
 * `rendering` and `buffering` say that frame has not arrived yet, so the image under
 * the badge is the last one that did.
 */
export function FramePreview({
  frame,
  scratchSeed,
  rendering,
  buffering,
}: {
  frame: ShownFrame | null;
  scratchSeed: number | null;
  rendering: boolean;
  buffering: boolean;
}) {
  return (
    <div className="relative h-full w-full overflow-hidden rounded-xl border border-ink-700 bg-ink-900 shadow-2xl shadow-black/40" data-testid="preview">
      {frame ? (
        // A blob URL of JPEG bytes from the socket: next/image cannot optimise it.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          data-testid="frame"
          data-hash={frame.hash}
          src={frame.url}
          width={frame.width}
          height={frame.height}
          alt={`Generated frame for ${"seed" in frame.recipe.from ? `seed ${frame.recipe.from.seed}` : "w" in frame.recipe.from ? "a w latent" : "a vector"}`}
          className={`h-full w-full object-cover transition-opacity [image-rendering:auto] ${buffering || rendering ? "opacity-60" : ""}`}
        />
      ) : rendering || buffering ? (
        // A frame is wanted and on its way (the room is opening, or the model loading): the badge says so.
        <div className="h-full w-full animate-pulse bg-ink-800/40" />
      ) : (
        <div className="flex h-full flex-col items-center justify-center gap-2 p-8 text-center text-sm text-ink-400">
          <span className="text-base text-ink-200">No frame yet</span>
          Add a keyframe, or render a seed to look around first.
        </div>
      )}
      {scratchSeed !== null && (
        <div className="absolute left-3 top-3 rounded-full border border-amber-400/70 bg-black/70 px-3 py-1 text-xs text-amber-200 backdrop-blur" data-testid="scratch-badge">
          Scratch · seed {scratchSeed} · not in the chain
        </div>
      )}
      {(rendering || buffering) && (
        <div className="absolute right-3 top-3 rounded-full bg-black/60 px-3 py-1 text-xs text-white backdrop-blur" role="status" data-testid="frame-status">
          {buffering ? "Buffering…" : "Rendering…"}
        </div>
      )}
    </div>
  );
}
