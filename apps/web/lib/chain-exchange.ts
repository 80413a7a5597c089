import { strToU8, unzipSync, zipSync, type Unzipped } from "fflate";
import {
  addChainData,
  chainFileSchema,
  chainFrameCount,
  chainToFile,
  chainToMarrow,
  distinctChainName,
  frameNumber,
  frameRecipeAt,
  marrowInfoSchema,
  marrowToChain,
  vectorsToChain,
  type Chain,
  type ChainData,
  type RoomDoc,
  type Fps,
  type FrameNumbering,
  type MarrowAnimation,
} from "@umbra/doc";
import { readNpy, recipeHash, recipeLatent, recipeNeedsW, writeNpy, type FrameRecipe } from "@umbra/latent";

/** Bounds on what an import may hold: checked before anything is unpacked or allocated. */
export const IMPORT_LIMITS = { fileBytes: 64 * 1024 * 1024, zipEntries: 2000, unzippedBytes: 512 * 1024 * 1024 } as const;
/** Per-frame latents are made in the browser: a chain longer than this is refused, saying so. */
export const MAX_LATENT_FRAMES = 20_000;

/** An import's chain, with a sentence for the person saying what came in and what was assumed. */
export type ImportResult = { ok: true; chain: ChainData; summary: string } | { ok: false; message: string };

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** "Imported 4 keyframes, 3 transitions from animations 001–003." */
function importSummary(chain: ChainData, from: string, assumed: string | null): string {
  return `Imported ${plural(chain.keyframes.length, "keyframe")}, ${plural(chain.transitions.length, "transition")} from ${from}.${assumed ? ` ${assumed}` : ""}`;
}

/** A name safe as a file or folder name anywhere: no separators, dots at the ends, control characters or reserved names. */
export function safeFileName(name: string): string {
  const cleaned = name
    .replace(/[\u0000-\u001f<>:"/\\|?*]+/g, "_")
    .replace(/^[.\s]+|[.\s]+$/g, "")
    .slice(0, 80);
  return /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(cleaned) || cleaned === "" ? `_${cleaned}` : cleaned;
}

/** The chain as Umbra's JSON. */
export function umbraJsonFile(chain: Chain, model: string): { name: string; bytes: Uint8Array } {
  return { name: `${safeFileName(chain.name)}.umbra.json`, bytes: strToU8(JSON.stringify(chainToFile(chain, model), null, 2)) };
}

/** The chain as Marrow's animation folders in a ZIP: info.json, source.npy and dest.npy (float64, (1, size)) per transition. */
export function marrowZipFile(chain: Chain, latentSize: number): { name: string; bytes: Uint8Array } {
  const entries: Record<string, Uint8Array> = {};
  for (const animation of chainToMarrow(chain, latentSize)) {
    const folder = safeFileName(animation.name);
    entries[`${folder}/info.json`] = strToU8(
      JSON.stringify({ name: animation.name, snapshot: animation.snapshot, steps: animation.steps, interpolation: animation.interpolation, easing: animation.easing, truncation: animation.truncation }),
    );
    entries[`${folder}/source.npy`] = writeNpy(animation.source, [1, latentSize]);
    entries[`${folder}/dest.npy`] = writeNpy(animation.dest, [1, latentSize]);
  }
  return { name: `${safeFileName(chain.name)}.marrow.zip`, bytes: zipSync(entries, { level: 6 }) };
}

/**
 * Every frame's latent, after interpolation and easing, as one float32 .npy of
 * shape (frames, size), with a sidecar of each frame's ψ, snapshot, noise seed and
 * recipe hash, numbered as the room numbers frames: a model replays the sequence frame for frame.
 */
export function frameLatentsFile(chain: Chain, model: string, overrides: Partial<FrameRecipe>, latentSize: number, numbering: FrameNumbering): { name: string; bytes: Uint8Array } {
  const total = chainFrameCount(chain);
  if (total > MAX_LATENT_FRAMES) throw new RangeError(`${chain.name} has ${total} frames; per-frame latents are made for up to ${MAX_LATENT_FRAMES} frames`);
  const latents = new Float32Array(total * latentSize);
  const sidecar = [];
  for (let n = 0; n < total; n++) {
    const recipe = frameRecipeAt(chain, n, model, overrides)!;
    if (recipeNeedsW(recipe)) throw new RangeError(`frame ${frameNumber(n, numbering)} of ${chain.name} is found in w (a nudged keyframe or a style mix), so it has no single z; export per-frame w from the Export tab instead`);
    latents.set(recipeLatent(recipe, latentSize), n * latentSize);
    sidecar.push({ frame: frameNumber(n, numbering), truncation: recipe.truncation, snapshot: recipe.snapshot, noiseSeed: recipe.noiseSeed, recipeHash: recipeHash(recipe) });
  }
  const bytes = zipSync({ "latents.npy": writeNpy(latents, [total, latentSize]), "latents.json": strToU8(JSON.stringify({ model, fps: chain.fps, frames: sidecar })) });
  return { name: `${safeFileName(chain.name)}.latents.zip`, bytes };
}

function unpack(bytes: Uint8Array): Unzipped {
  let entries = 0;
  let total = 0;
  try {
    return unzipSync(bytes, {
    // Sizes are checked from the directory before anything is inflated.
    filter: (file) => {
      if (file.name.endsWith("/")) return false;
      if (file.name.includes("\0") || file.name.startsWith("/") || file.name.includes("\\") || /^[a-z]:/i.test(file.name) || file.name.split("/").includes("..")) {
        throw new RangeError(`the ZIP holds an entry named "${file.name}", outside its own folder; nothing was imported`);
      }
      entries++;
      total += file.originalSize;
      if (entries > IMPORT_LIMITS.zipEntries) throw new RangeError(`the ZIP holds more than ${IMPORT_LIMITS.zipEntries} files`);
      if (total > IMPORT_LIMITS.unzippedBytes) throw new RangeError(`the ZIP unpacks to more than ${IMPORT_LIMITS.unzippedBytes / 1024 / 1024} MB`);
      return true;
    },
    });
  } catch (error) {
    if (error instanceof RangeError) throw error;
    throw new RangeError(`the ZIP cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** A (1, size) float array of a Marrow animation, checked against the room's latent size. */
function marrowVector(bytes: Uint8Array | undefined, where: string, latentSize: number): Float64Array {
  if (!bytes) throw new RangeError(`${where} is missing`);
  const array = readNpy(bytes);
  const size = array.shape.at(-1);
  if (array.shape.length > 2 || array.data.length !== size || (array.shape.length === 2 && array.shape[0] !== 1)) {
    throw new RangeError(`${where} has shape (${array.shape.join(", ")}); Marrow wrote (1, ${latentSize})`);
  }
  if (size !== latentSize) throw new RangeError(`${where} holds ${size} numbers; this room's model takes ${latentSize}`);
  return Float64Array.from(array.data);
}

/** "animations 001–003" from their folder names, or the one animation's name. */
function animationsText(folders: readonly string[]): string {
  const names = folders.map((f) => f.replace(/\/$/, "") || "the ZIP's top level");
  return names.length === 1 ? `the animation ${names[0]}` : `animations ${names[0]}–${names.at(-1)}`;
}

/** Marrow animation folders in a ZIP (one, or many in name order), as one chain, with what was imported and assumed. */
function marrowFromZip(files: Unzipped, name: string, fps: Fps, latentSize: number): { chain: ChainData; summary: string } {
  const folders = [...new Set(Object.keys(files).filter((f) => f.endsWith("info.json")).map((f) => f.slice(0, -"info.json".length)))].sort();
  if (folders.length === 0) throw new RangeError("the ZIP holds no Marrow animation (a folder with info.json, source.npy and dest.npy)");
  const animations: MarrowAnimation[] = folders.map((folder) => {
    const where = folder || "the ZIP's top level";
    let info: unknown;
    try {
      info = JSON.parse(new TextDecoder().decode(files[`${folder}info.json`]!));
    } catch {
      throw new RangeError(`${where}info.json is not JSON`);
    }
    const parsed = marrowInfoSchema.safeParse(info);
    if (!parsed.success) throw new RangeError(`${where}info.json: ${parsed.error.issues[0]!.path.join(".")} ${parsed.error.issues[0]!.message}`);
    return { ...parsed.data, source: marrowVector(files[`${folder}source.npy`], `${folder}source.npy`, latentSize), dest: marrowVector(files[`${folder}dest.npy`], `${folder}dest.npy`, latentSize) };
  });
  const chain = marrowToChain(animations, name, fps);
  // Marrow's own info.json has none of Umbra's extra keys: say what stood in for them.
  const lacking = animations.filter((a) => a.interpolation === undefined || a.easing === undefined || a.truncation === undefined).length;
  const assumed = lacking === 0 ? null : `${lacking === animations.length ? "Its info.json files" : `${plural(lacking, "info.json")} of ${animations.length}`} did not say how to move, as Marrow's own do not: assumed slerp, linear easing and the room's ψ where missing, at ${fps} fps.`;
  return { chain, summary: importSummary(chain, animationsText(folders), assumed) };
}

/** What a file holds, by its first bytes (a renamed download still imports), else by its name. */
function kindOf(fileName: string, bytes: Uint8Array): "json" | "zip" | "npy" | null {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 6));
  if (head.startsWith("PK\u0003\u0004")) return "zip";
  if (head === "\u0093NUMPY") return "npy";
  if (/^\s*\{/.test(head)) return "json";
  const extension = /\.(json|zip|npy)$/i.exec(fileName)?.[1]?.toLowerCase();
  return (extension as "json" | "zip" | "npy" | undefined) ?? null;
}

/**
 * Imports a dropped or chosen file into the room as a chain of its own, named apart
 * from the room's chains, in one undo step: its id and what to tell the person about
 * what came in, or why nothing did.
 */
export async function importChainFile(
  file: File,
  room: RoomDoc | null,
  target: { model: string; latentSize: number; snapshot: string },
  /** Keeps the room as it is before a good file changes it (History): null when kept, else why not. */
  keepFirst: (what: string) => Promise<string | null> = async () => null,
): Promise<{ ok: true; chainId: string; notice: string } | { ok: false; message: string }> {
  const result = readChainImport(file.name, new Uint8Array(await file.arrayBuffer()), target);
  if (!result.ok) return result;
  if (!room) return { ok: false, message: "Nothing was imported: the room's document is not connected yet." };
  const notKept = await keepFirst(file.name);
  if (notKept !== null) return { ok: false, message: `Nothing was imported: the room as it is could not be kept in History first (${notKept}).` };
  const chain = { ...result.chain, name: distinctChainName(result.chain.name, room.chains().map((c) => c.name)) };
  return { ok: true, chainId: addChainData(room, chain), notice: `${result.summary} It is the chain "${chain.name}".` };
}

/**
 * A file dropped or chosen for import, as a chain for this room: Umbra's JSON, a
 * ZIP of Marrow animation folders, or a .npy of shape (n, size). Any problem is a
 * sentence, and nothing is imported.
 */
export function readChainImport(fileName: string, bytes: Uint8Array, room: { model: string; latentSize: number; snapshot: string }): ImportResult {
  try {
    if (bytes.length > IMPORT_LIMITS.fileBytes) throw new RangeError(`${fileName} is ${(bytes.length / 1024 / 1024).toFixed(0)} MB; imports are at most ${IMPORT_LIMITS.fileBytes / 1024 / 1024} MB`);
    const base = fileName.replace(/(\.umbra|\.marrow)?\.(json|zip|npy)$/i, "").slice(0, 80) || "Imported";
    const kind = kindOf(fileName, bytes);
    if (kind === "json") {
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        throw new RangeError(`${fileName} is not JSON`);
      }
      const file = chainFileSchema.safeParse(json);
      if (!file.success) throw new RangeError(`${fileName} is not an Umbra chain file: ${file.error.issues[0]!.path.join(".")} ${file.error.issues[0]!.message}`);
      if (file.data.model !== room.model) throw new RangeError(`${fileName} was made with the model ${file.data.model}; this room renders with ${room.model}`);
      for (const [i, k] of file.data.chain.keyframes.entries()) {
        if ("vector" in k.latent && atob(k.latent.vector).length !== room.latentSize * 4) throw new RangeError(`keyframe ${i + 1} of ${fileName} does not have ${room.latentSize} numbers, as this room's model needs`);
      }
      return { ok: true, chain: file.data.chain, summary: importSummary(file.data.chain, fileName, null) };
    }
    if (kind === "zip") return { ok: true, ...marrowFromZip(unpack(bytes), base, 24, room.latentSize) };
    if (kind === "npy") {
      const array = readNpy(bytes);
      if (array.shape.length !== 2 || array.shape[1] !== room.latentSize) throw new RangeError(`${fileName} has shape (${array.shape.join(", ")}); a sequence of keyframes is (n, ${room.latentSize}) for this room's model`);
      const rows = Array.from({ length: array.shape[0]! }, (_, i) => array.data.slice(i * room.latentSize, (i + 1) * room.latentSize));
      const chain = vectorsToChain(rows as Float32Array[], base, room.snapshot, 24);
      return { ok: true, chain, summary: importSummary(chain, fileName, `An .npy holds only latents: assumed 60 frames between keyframes, slerp, linear easing and the room's ψ, at 24 fps, on snapshot ${room.snapshot}.`) };
    }
    throw new RangeError(`${fileName}: Umbra imports chain files (.json), Marrow animations (.zip) and latent arrays (.npy)`);
  } catch (error) {
    return { ok: false, message: `Nothing was imported. ${error instanceof Error ? error.message : String(error)}` };
  }
}
