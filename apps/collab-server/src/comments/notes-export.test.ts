import { describe, expect, it } from "vitest";
import { seedFrameRecipe } from "@umbra/latent";
import { threadSchema, type Thread } from "@umbra/protocol";
import { notesHtml, type PlacedNote } from "./notes-export.js";

const THUMBNAIL_HASH = "ab".repeat(32);
const THUMBNAILS = new Map([[THUMBNAIL_HASH, "data:image/jpeg;base64,/9j/AA=="]]);
const author = { id: "5b2f4c1e-8d3a-4f6b-9c2d-1a2b3c4d5e6f", name: "Ana", color: "#38bdf8" };

function noteWith(drawing: Thread["drawing"]): PlacedNote {
  const thread = threadSchema.parse({
    id: "t1",
    roomId: "r1",
    author,
    anchor: { kind: "keyframe", chainId: "c1", keyframeId: "k1" },
    rangeEnd: null,
    spot: null,
    recipe: seedFrameRecipe("builtin/cppn", 1),
    recipeHash: "h",
    thumbnail: THUMBNAIL_HASH,
    status: "open",
    resolvedBy: null,
    resolvedAt: null,
    createdAt: "2026-12-06T08:00:00.000Z",
    comments: [],
    drawing,
  });
  return { thread, chain: "Walk", state: "attached", frame: 13, timecode: "0:00:12" };
}

describe("the printable notes page", () => {
  it("draws each note's drawing over its thumbnail, text escaped", () => {
    const page = notesHtml(
      "Room",
      [
      noteWith([
        { id: "a", kind: "arrow", color: "#ff5a5f", width: 3, points: [[0.1, 0.1], [0.5, 0.5]] },
        { id: "b", kind: "text", color: "#ffffff", width: 3, points: [[0.2, 0.8]], text: "<b>here</b>" },
      ]),
      ],
      THUMBNAILS,
    );
    expect(page).toContain('<img src="data:image/jpeg;base64,/9j/AA=="');
    expect(page).toContain('<svg viewBox="0 0 1 1"');
    expect(page).toMatch(/<polyline points="0\.1,0\.1 0\.5,0\.5 [^"]+" stroke="#ff5a5f" stroke-width="3"/);
    expect(page).toContain("&lt;b&gt;here&lt;/b&gt;</text>");
    expect(page).not.toContain("<b>here</b>");
    expect(page).toContain("frame 13 · 0:00:12");
    // A note without a drawing has its thumbnail alone.
    expect(notesHtml("Room", [noteWith([])], THUMBNAILS)).not.toContain("<svg");
    // One whose thumbnail is not kept says so, in place of a broken image.
    expect(notesHtml("Room", [noteWith([])], new Map())).toContain("no thumbnail");
  });
});
