import { thumbnailUrl } from "@/lib/thumbnail-url";

/** A note's frozen thumbnail, fetched as a file the browser keeps; a blank square while unknown or when none was kept. */
export function NoteThumbnail({ roomId, hash, size, alt }: { roomId: string; hash: string | null | undefined; size: number; alt: string }) {
  const box = { width: size, height: size };
  if (!hash) return <span aria-hidden className="shrink-0 rounded-md border border-ink-700 bg-ink-800" style={box} />;
  // A thumbnail from collab-server, already small: next/image would only resize it again.
  // eslint-disable-next-line @next/next/no-img-element
  return <img src={thumbnailUrl(roomId, hash)} alt={alt} width={size} height={size} className="shrink-0 rounded-md border border-ink-700" style={box} />;
}
