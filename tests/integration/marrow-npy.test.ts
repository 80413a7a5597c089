// Marrow's own tool is numpy: the .npy files Umbra writes must load there exactly as
// Marrow's np.save wrote them. CI installs python3-numpy for this check.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DEFAULT_FRAME_NUMBERING, RoomDoc } from "@umbra/doc";
import { frameLatentsFile, marrowZipFile } from "../../apps/web/lib/chain-exchange.js";

describe("numpy reads Umbra's .npy files", () => {
  it("loads Marrow's source.npy as float64 (1, 512) in C order, and per-frame latents as float32 (frames, 512)", async () => {
    const room = new RoomDoc(new Y.Doc());
    const id = room.addChain({ name: "Walk" });
    const first = room.addKeyframe(id, { seed: 1 })!;
    room.addKeyframe(id, { seed: 2 });
    room.setTransition(id, first, { frames: 9 });
    const chain = room.chain(id)!;
    const dir = await mkdtemp(join(tmpdir(), "umbra-npy-"));
    try {
      const marrow = unzipSync(marrowZipFile(chain, 512).bytes);
      await writeFile(join(dir, "source.npy"), marrow["Walk 001/source.npy"]!);
      await writeFile(join(dir, "latents.npy"), unzipSync(frameLatentsFile(chain, "builtin/cppn", {}, 512, DEFAULT_FRAME_NUMBERING).bytes)["latents.npy"]!);
      const script = [
        "import json, sys, numpy as np",
        "s = np.load(sys.argv[1]); l = np.load(sys.argv[2])",
        "print(json.dumps([str(s.dtype), list(s.shape), bool(s.flags['C_CONTIGUOUS']), str(l.dtype), list(l.shape), bool(np.isfinite(l).all())]))",
      ].join("\n");
      const out = execFileSync("python3", ["-c", script, join(dir, "source.npy"), join(dir, "latents.npy")], { encoding: "utf8" });
      expect(JSON.parse(out)).toEqual(["float64", [1, 512], true, "float32", [10, 512], true]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
