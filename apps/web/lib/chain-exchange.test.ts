import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { DEFAULT_FRAME_NUMBERING, RoomDoc, addChainData, chainFrameCount, distinctChainName, frameRecipeAt, type Chain } from "@umbra/doc";
import { readNpy, recipeHash, recipeLatent, writeNpy } from "@umbra/latent";
import { IMPORT_LIMITS, frameLatentsFile, importChainFile, marrowZipFile, readChainImport, safeFileName, umbraJsonFile } from "./chain-exchange";

const MODEL = "builtin/cppn";
const SIZE = 512;
const ROOM = { model: MODEL, latentSize: SIZE, snapshot: "default" };

function chain(): Chain {
  const room = new RoomDoc(new Y.Doc());
  const id = room.addChain({ name: "Walk/../cycle" });
  const ids = [3, 4, 5].map((seed) => room.addKeyframe(id, { seed })!);
  room.setTransition(id, ids[0]!, { frames: 6, easing: "ease-in" });
  room.setTransition(id, ids[1]!, { frames: 4, truncation: 0.7 });
  return room.chain(id)!;
}
const frames = (c: Chain) => Array.from({ length: chainFrameCount(c) }, (_, n) => frameRecipeAt(c, n, MODEL)!);
const imported = (result: ReturnType<typeof readChainImport>) => {
  if (!result.ok) throw new Error(result.message);
  const room = new RoomDoc(new Y.Doc());
  return room.chain(addChainData(room, result.chain))!;
};
const refusal = (result: ReturnType<typeof readChainImport>) => (result.ok ? "imported" : result.message);

describe("chain exports and imports", () => {
  it("round-trips Umbra's JSON with identical recipe hashes, under a safe file name", () => {
    const original = chain();
    const file = umbraJsonFile(original, MODEL);
    expect(file.name).toBe("Walk_.._cycle.umbra.json");
    expect(frames(imported(readChainImport(file.name, file.bytes, ROOM))).map(recipeHash)).toEqual(frames(original).map(recipeHash));
  });

  it("writes Marrow folders (float64, shape (1, 512)) and reads them back to the same latents", () => {
    const original = chain();
    const file = marrowZipFile(original, SIZE);
    const entries = unzipSync(file.bytes);
    expect(Object.keys(entries).sort()).toEqual(["Walk_.._cycle 001/dest.npy", "Walk_.._cycle 001/info.json", "Walk_.._cycle 001/source.npy", "Walk_.._cycle 002/dest.npy", "Walk_.._cycle 002/info.json", "Walk_.._cycle 002/source.npy"]);
    const source = readNpy(entries["Walk_.._cycle 001/source.npy"]!);
    expect([source.dtype, source.shape]).toEqual(["float64", [1, SIZE]]);
    const result = readChainImport(file.name, file.bytes, ROOM);
    const copy = imported(result);
    expect(frames(copy).map((r) => Array.from(recipeLatent(r, SIZE)))).toEqual(frames(original).map((r) => Array.from(recipeLatent(r, SIZE))));
    // ψ, easing and interpolation travel in keys Marrow ignores, so every frame's recipe comes back the same.
    expect(copy.transitions.map((t) => t.truncation)).toEqual([null, 0.7]);
    expect(frames(copy).map((r) => [r.truncation, r.t, r.interpolation])).toEqual(frames(original).map((r) => [r.truncation, r.t, r.interpolation]));
    // Every keyframe is named from the animations, and the import says what came in.
    expect(copy.keyframes.map((k) => k.label)).toEqual(["Walk/../cycle 001", "Walk/../cycle 002", "Walk/../cycle 002 end"]);
    expect(result.ok && result.summary).toBe("Imported 3 keyframes, 2 transitions from animations Walk_.._cycle 001–Walk_.._cycle 002.");
  });

  it("says what it assumed for Marrow's own info.json, which has no ψ, easing or interpolation", () => {
    const entries = unzipSync(marrowZipFile(chain(), SIZE).bytes);
    for (const name of Object.keys(entries).filter((n) => n.endsWith("info.json"))) {
      const { name: animation, snapshot, steps } = JSON.parse(new TextDecoder().decode(entries[name]));
      entries[name] = strToU8(JSON.stringify({ name: animation, snapshot, steps }));
    }
    const result = readChainImport("dinner.zip", zipSync(entries), ROOM);
    expect(imported(result).transitions.map((t) => [t.truncation, t.interpolation, t.easing])).toEqual([
      [null, "slerp", "linear"],
      [null, "slerp", "linear"],
    ]);
    expect(result.ok && result.summary).toMatch(/did not say how to move, as Marrow's own do not: assumed slerp, linear easing and the room's ψ/);
  });

  it("imports a file into the room as a chain of its own, saying what came in, and nothing without a room", async () => {
    const json = umbraJsonFile(chain(), MODEL);
    const file = () => new File([json.bytes as BlobPart], json.name);
    const room = new RoomDoc(new Y.Doc());
    const first = await importChainFile(file(), room, ROOM);
    const second = await importChainFile(file(), room, ROOM);
    expect(room.chains().map((c) => c.name)).toEqual(["Walk/../cycle", "Walk/../cycle (imported)"]);
    expect(second).toEqual({ ok: true, chainId: room.chains()[1]!.id, notice: `Imported 3 keyframes, 2 transitions from ${json.name}. It is the chain "Walk/../cycle (imported)".` });
    expect(first.ok && first.chainId).toBe(room.chains()[0]!.id);
    expect(await importChainFile(file(), null, ROOM)).toEqual({ ok: false, message: "Nothing was imported: the room's document is not connected yet." });
  });

  it("keeps the room in History before a good file changes it, and imports nothing when it cannot", async () => {
    const json = umbraJsonFile(chain(), MODEL);
    const room = new RoomDoc(new Y.Doc());
    const kept: string[] = [];
    const keep = async (what: string) => (kept.push(what), null);
    expect((await importChainFile(new File([json.bytes as BlobPart], json.name), room, ROOM, keep)).ok).toBe(true);
    expect(kept).toEqual([json.name]);
    // A file that is no chain changes nothing, so nothing is kept for it.
    expect((await importChainFile(new File(["not json"], "broken.json"), room, ROOM, keep)).ok).toBe(false);
    expect(kept).toHaveLength(1);
    const refused = await importChainFile(new File([json.bytes as BlobPart], json.name), room, ROOM, async () => "not connected to the room");
    expect(refused).toEqual({ ok: false, message: "Nothing was imported: the room as it is could not be kept in History first (not connected to the room)." });
    expect(room.chains()).toHaveLength(1);
  });

  it("gives an import named like a chain of the room a name of its own", () => {
    expect(distinctChainName("Chain 1", ["Chain 2"])).toBe("Chain 1");
    expect(distinctChainName("Chain 1", ["Chain 1"])).toBe("Chain 1 (imported)");
    expect(distinctChainName("Chain 1", ["Chain 1", "Chain 1 (imported)"])).toBe("Chain 1 (imported 2)");
    expect(distinctChainName("x".repeat(80), ["x".repeat(80)])).toHaveLength(80);
  });

  it("writes every frame's latent, and reads an (n, size) array as n keyframes", () => {
    const file = frameLatentsFile(chain(), MODEL, {}, SIZE, DEFAULT_FRAME_NUMBERING);
    const latents = readNpy(unzipSync(file.bytes)["latents.npy"]!);
    expect([latents.dtype, latents.shape]).toEqual(["float32", [11, SIZE]]);
    const sidecar = JSON.parse(new TextDecoder().decode(unzipSync(file.bytes)["latents.json"]));
    // Numbered as the room numbers frames: from 1 by default.
    expect(sidecar.frames[10]).toMatchObject({ frame: 11, truncation: 0.7, snapshot: "default", noiseSeed: 0 });
    expect(JSON.parse(new TextDecoder().decode(unzipSync(frameLatentsFile(chain(), MODEL, {}, SIZE, { firstFrame: 0, timecodeStart: 0 }).bytes)["latents.json"])).frames[10].frame).toBe(10);
    const rows = writeNpy(latents.data.slice(0, 3 * SIZE) as Float32Array, [3, SIZE]);
    expect(imported(readChainImport("three.npy", rows, ROOM)).keyframes).toHaveLength(3);
  });

  it("refuses hostile or wrong files with a sentence, importing nothing", () => {
    const marrow = unzipSync(marrowZipFile(chain(), SIZE).bytes);
    const one = Object.fromEntries(Object.entries(marrow).filter(([name]) => name.startsWith("Walk_.._cycle 001/")));
    // A path out of the folder.
    expect(refusal(readChainImport("evil.zip", zipSync({ ...one, "../outside.txt": strToU8("x") }), ROOM))).toMatch(/outside its own folder/);
    // Too many entries.
    const many = Object.fromEntries(Array.from({ length: IMPORT_LIMITS.zipEntries + 1 }, (_, i) => [`f${i}.txt`, strToU8("x")]));
    expect(refusal(readChainImport("many.zip", zipSync(many), ROOM))).toMatch(/more than 2000 files/);
    // A bomb whose directory claims 600 MB: refused from the directory, before inflating.
    const bomb = zipSync({ "a/info.json": new Uint8Array(1024) });
    const view = new DataView(bomb.buffer);
    for (let i = 0; i < bomb.length - 4; i++) if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 600 * 1024 * 1024, true);
    expect(refusal(readChainImport("bomb.zip", bomb, ROOM))).toMatch(/unpacks to more than 512 MB/);
    expect(refusal(readChainImport("corrupt.zip", strToU8("PK\u0003\u0004 not really"), ROOM))).toMatch(/cannot be read/);
    // Arrays of the wrong kind.
    expect(refusal(readChainImport("small.zip", zipSync({ ...one, "Walk_.._cycle 001/source.npy": writeNpy(new Float64Array(128), [1, 128]) }), ROOM))).toMatch(/holds 128 numbers; this room's model takes 512/);
    const fortran = new TextDecoder("latin1").decode(writeNpy(new Float32Array(SIZE * 2), [2, SIZE])).replace("'fortran_order': False", "'fortran_order': True ");
    expect(refusal(readChainImport("f.npy", Uint8Array.from(fortran, (c) => c.charCodeAt(0)), ROOM))).toMatch(/Fortran order/);
    const lying = new TextDecoder("latin1").decode(writeNpy(new Float32Array(SIZE), [1, SIZE])).replace("(1, 512)", "(9999, 512)");
    expect(refusal(readChainImport("lying.npy", Uint8Array.from(lying, (c) => c.charCodeAt(0)), ROOM))).toMatch(/truncated/);
    const nan = new Float32Array(SIZE);
    nan[7] = Number.NaN;
    expect(refusal(readChainImport("nan.npy", writeNpy(nan, [1, SIZE]), ROOM))).toMatch(/row 0 holds NaN at index 7/);
    expect(refusal(readChainImport("wide.npy", writeNpy(new Float32Array(SIZE), [SIZE]), ROOM))).toMatch(/shape \(512\); a sequence of keyframes is \(n, 512\)/);
    expect(refusal(readChainImport("other.json", umbraJsonFile(chain(), "user/faces").bytes, ROOM))).toMatch(/made with the model user\/faces/);
    expect(refusal(readChainImport("notes.txt", strToU8("hello"), ROOM))).toMatch(/imports chain files/);
    expect(refusal(readChainImport("huge.json", new Uint8Array(IMPORT_LIMITS.fileBytes + 1), ROOM))).toMatch(/imports are at most 64 MB/);
  });

  it("makes file names safe from user input", () => {
    expect(safeFileName("../../etc/passwd")).toBe("_.._etc_passwd");
    expect(safeFileName("con")).toBe("_con");
    expect(safeFileName("a\u0000b")).toBe("a_b");
    expect(safeFileName("...")).toBe("_");
  });
});
