import { describe, expect, it } from "vitest";
import { DEFAULT_FRAME_NUMBERING } from "@umbra/doc";
import { attachmentHeader, exportFileName } from "./export-file-name.js";

const settings = { format: "mp4", size: 256, fps: 24, view: "color", range: null } as const;

describe("exportFileName", () => {
  it("keeps a plain name and says what the file holds", () => {
    expect(exportFileName("Walk cycle", settings, DEFAULT_FRAME_NUMBERING)).toBe("Walk_cycle_256px_24fps.mp4");
    // The range in the name counts as the room does: frames 4 to 41 from 1, 3 to 40 from 0.
    expect(exportFileName("Walk", { ...settings, format: "png-zip", view: "shadows", range: { in: 3, out: 40 } }, DEFAULT_FRAME_NUMBERING)).toBe("Walk_f4-41_shadows_256px_24fps.zip");
    expect(exportFileName("Walk", { ...settings, format: "png-zip", view: "shadows", range: { in: 3, out: 40 } }, { firstFrame: 0, timecodeStart: 0 })).toBe("Walk_f3-40_shadows_256px_24fps.zip");
  });

  it.each([
    ["../../etc/passwd", "etc_passwd"],
    ["..\\windows\\system32", "windows_system32"],
    ["a\u0000b", "a_b"],
    [".hidden", "hidden"],
    ["CON", "_CON"],
    ["nul.txt", "_nul.txt"],
    ["lpt1", "_lpt1"],
    ["   ", "chain"],
    ["", "chain"],
    ["Été à Zürich", "Été_à_Zürich"],
  ])("makes %j safe", (name, stem) => {
    const out = exportFileName(name, settings, DEFAULT_FRAME_NUMBERING);
    expect(out).toBe(`${stem}_256px_24fps.mp4`);
    expect(out).not.toMatch(/[\\/\0]|\.\./);
  });

  it("cuts long names", () => {
    expect(exportFileName("x".repeat(500), settings, DEFAULT_FRAME_NUMBERING)).toBe(`${"x".repeat(80)}_256px_24fps.mp4`);
  });
});

describe("attachmentHeader", () => {
  it("gives an ASCII fallback and the exact name", () => {
    expect(attachmentHeader('Été "1".mp4')).toBe(`attachment; filename="_t_ _1_.mp4"; filename*=UTF-8''%C3%89t%C3%A9%20%221%22.mp4`);
  });
});
