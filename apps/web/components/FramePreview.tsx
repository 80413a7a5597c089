import type { ShownFrame } from "@/lib/use-room-frames";

/** The room's current frame, large, as everyone in the room sees it. */
export function FramePreview({ frame, rendering }: { frame: ShownFrame | null; rendering: boolean }) {
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
          className="h-full w-full object-cover [image-rendering:auto]"
        />
      ) : (
        <div className="flex h-full flex-col items-center justify-center gap-2 p-8 text-center text-sm text-ink-400">
          <span className="text-base text-ink-200">No frame yet</span>
          Pick a seed or press Random: the frame appears here for everyone in the room.
        </div>
      )}
      {rendering && (
        <div className="absolute right-3 top-3 rounded-full bg-black/60 px-3 py-1 text-xs text-white backdrop-blur" role="status">
          Rendering…
        </div>
      )}
    </div>
  );
}
