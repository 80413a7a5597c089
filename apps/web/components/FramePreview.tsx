import type { ShownFrame } from "@/lib/use-room-frames";

/**
 * The frame shown large: the room's preview, or the frame at the playhead while
 * playing or following. `buffering` says the playhead's frame has not arrived yet,
 * so the frame under the badge is the last one that did.
 */
export function FramePreview({ frame, rendering, buffering }: { frame: ShownFrame | null; rendering: boolean; buffering: boolean }) {
  return (
    <div className="relative aspect-square w-full overflow-hidden rounded-2xl border border-ink-700 bg-ink-900 shadow-2xl shadow-black/40">
      {frame ? (
        // A blob URL of JPEG bytes from the socket: next/image cannot optimise it.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          data-testid="frame"
          data-hash={frame.hash}
          src={frame.url}
          width={frame.width}
          height={frame.height}
          alt={`Generated frame for seed ${"seed" in frame.recipe.from ? frame.recipe.from.seed : "(vector)"}`}
          className={`h-full w-full object-cover transition-opacity [image-rendering:auto] ${buffering ? "opacity-60" : ""}`}
        />
      ) : (
        <div className="flex h-full flex-col items-center justify-center gap-2 p-8 text-center text-sm text-ink-400">
          <span className="text-base text-ink-200">No frame yet</span>
          Pick a seed or press Random: the frame appears here for everyone in the room.
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
