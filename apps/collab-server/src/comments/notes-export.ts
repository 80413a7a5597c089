import { frameNumber, placeAnchor, roomRecipeOverrides, timecode, type AnchorState, type Chain, type FrameNumbering } from "@umbra/doc";
import { pinnedLook } from "@umbra/latent";
import { DRAWING_TEXT_SIZE, drawingGeometry, type DrawingObject, type Thread } from "@umbra/protocol";

/** A thread where it sits in today's chains: the row of a shot list. */
export interface PlacedNote {
  thread: Thread;
  chain: string;
  state: AnchorState;
  /** As the room counts frames (frameNumber), the same number its exported files carry; null when orphaned. */
  frame: number | null;
  timecode: string | null;
}

export function placeNotes(threads: Thread[], chains: readonly Chain[], roomTruncation: number | null, numbering: FrameNumbering): PlacedNote[] {
  const overrides = roomRecipeOverrides(roomTruncation);
  return threads.map((thread) => {
    const chain = chains.find((c) => c.id === thread.anchor.chainId);
    const placed = placeAnchor(chains, thread.anchor, pinnedLook(thread.recipe), overrides);
    return {
      thread,
      chain: chain?.name ?? "(deleted chain)",
      state: placed.state,
      frame: placed.frame === null ? null : frameNumber(placed.frame, numbering),
      timecode: placed.frame === null || !chain ? null : timecode(placed.frame, chain.fps, numbering),
    };
  });
}

/** A CSV cell: quoted, and never read as a formula by a spreadsheet. */
function cell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

export const NOTES_CSV_HEADER = ["thread", "status", "chain", "frame", "timecode", "anchor", "comment", "author", "written", "text"] as const;

/** One row per comment (deleted ones included, empty), the thread's columns repeated: sorts and filters in any spreadsheet. */
export function notesCsv(notes: PlacedNote[]): string {
  const rows = [NOTES_CSV_HEADER.map(cell).join(",")];
  for (const note of notes) {
    note.thread.comments.forEach((comment, i) => {
      rows.push(
        [note.thread.id, note.thread.status, note.chain, note.frame, note.timecode, note.state, i + 1, comment.author.name, comment.createdAt, comment.deletedAt ? "(deleted)" : comment.body]
          .map(cell)
          .join(","),
      );
    });
  }
  return `${rows.join("\r\n")}\r\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** A note's drawing as inline SVG over its thumbnail (0..1 units, stretched to the image); text is escaped. */
function drawingSvg(objects: readonly DrawingObject[]): string {
  if (objects.length === 0) return "";
  const shapes = objects.map((object) => {
    const geometry = drawingGeometry(object);
    if (geometry.tag === "text") {
      return `<text x="${geometry.x}" y="${geometry.y}" fill="${escapeHtml(object.color)}" font-size="${DRAWING_TEXT_SIZE}">${escapeHtml(geometry.text)}</text>`;
    }
    const { tag, ...shape } = geometry;
    const attributes = Object.entries(shape).map(([name, value]) => `${name}="${escapeHtml(String(value))}"`).join(" ");
    // Lines keep the width they were drawn with, in pixels of the page, as in the studio.
    return `<${tag} ${attributes} stroke="${escapeHtml(object.color)}" stroke-width="${object.width}" stroke-linecap="round" stroke-linejoin="round" fill="none" vector-effect="non-scaling-stroke"/>`;
  });
  return `<svg viewBox="0 0 1 1" preserveAspectRatio="none" width="128" height="128" aria-label="The note's drawing">${shapes.join("")}</svg>`;
}

/**
 * A printable page: each note with its frozen thumbnail, where it is, who said what.
 * Text is escaped, never markup. The thumbnails are embedded (`thumbnails`: data URLs
 * by hash), so the page prints and saves whole, with nothing to fetch.
 */
export function notesHtml(roomName: string, notes: PlacedNote[], thumbnails: ReadonlyMap<string, string>): string {
  const thumbnailOf = (note: PlacedNote) => {
    const src = note.thread.thumbnail === null ? undefined : thumbnails.get(note.thread.thumbnail);
    return src ? `<img src="${escapeHtml(src)}" width="128" height="128" alt="The frame as pinned">` : `<div class="missing">no thumbnail</div>`;
  };
  const where = (note: PlacedNote) =>
    note.frame === null ? "no longer in the chain (its keyframes were deleted)" : `frame ${note.frame} · ${note.timecode}${note.state === "moved" ? " · the frame changed since" : ""}`;
  const items = notes.map(
    (note) => `<article>
  <figure>${thumbnailOf(note)}${drawingSvg(note.thread.drawing)}</figure>
  <div>
    <h2>${escapeHtml(note.chain)} · ${escapeHtml(where(note))}</h2>
    <p class="meta">${note.thread.status === "resolved" ? "Resolved" : "Open"} · ${escapeHtml(note.thread.author.name)} · ${escapeHtml(note.thread.createdAt.slice(0, 16).replace("T", " "))}</p>
    <ol>${note.thread.comments
      .map((c) => `<li><b>${escapeHtml(c.author.name)}</b>: ${c.deletedAt ? "<i>deleted</i>" : escapeHtml(c.body)}</li>`)
      .join("")}</ol>
  </div>
</article>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Notes · ${escapeHtml(roomName)}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #111; }
article { display: flex; gap: 1rem; padding: 1rem 0; border-bottom: 1px solid #ddd; break-inside: avoid; }
figure { position: relative; flex: none; margin: 0; width: 128px; height: 128px; }
img { border-radius: 6px; }
.missing { width: 128px; height: 128px; border-radius: 6px; background: #eee; color: #888; font-size: 12px; display: grid; place-items: center; }
figure svg { position: absolute; inset: 0; }
h2 { font-size: 15px; margin: 0 0 .25rem; }
.meta { color: #666; margin: 0 0 .5rem; }
ol { margin: 0; padding-left: 1.25rem; white-space: pre-wrap; }
</style></head>
<body><h1>Notes · ${escapeHtml(roomName)}</h1>
<p>${notes.length} ${notes.length === 1 ? "note" : "notes"}, printed ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC. Print this page to PDF from the browser.</p>
${items.join("\n")}
</body></html>
`;
}
