import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { styleGroupsSchema } from "@umbra/protocol";

/** Where the default model's weights ship: models/portraits at the repository's root. */
export const PORTRAITS_FOLDER = fileURLToPath(new URL("../../../../models/portraits/", import.meta.url));

const tensorEntry = z.object({ name: z.string().min(1), shape: z.array(z.number().int().min(1)).max(4), offset: z.number().int().min(0) }).strict();

/** models/portraits/model.json, written by tools/train-default-model/export.py. */
export const portraitsManifestSchema = z
  .object({
    format: z.literal("umbra-portraits"),
    version: z.literal(1),
    zSize: z.number().int().min(1).max(4096),
    wSize: z.number().int().min(1).max(4096),
    resolution: z.number().int().min(4).max(1024),
    channels: z.record(z.string(), z.number().int().min(1).max(1024)),
    numWs: z.number().int().min(1).max(64),
    styleGroups: styleGroupsSchema.optional(),
    tensors: z.array(tensorEntry).min(1).max(256),
    snapshots: z
      .array(z.object({ name: z.string().min(1).max(100), file: z.string().regex(/^[\w.-]+\.f16$/), kimg: z.number(), trainingMinutes: z.number(), sha256: z.string().length(64) }).strict())
      .min(1),
  })
  .strict();
export type PortraitsManifest = z.infer<typeof portraitsManifestSchema>;

export async function readPortraitsManifest(folder: string): Promise<PortraitsManifest> {
  return portraitsManifestSchema.parse(JSON.parse(await readFile(`${folder}model.json`, "utf8")));
}

/** IEEE half → float, for weights stored as float16 (Node 20 has no Float16Array). */
export function halfToFloat(half: number): number {
  const sign = half & 0x8000 ? -1 : 1;
  const exponent = (half >> 10) & 0x1f;
  const fraction = half & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}

/** One snapshot's tensors by name, as float32, checked against the manifest's sizes and hash. */
export async function readPortraitsSnapshot(folder: string, manifest: PortraitsManifest, name: string): Promise<Map<string, { shape: number[]; values: Float32Array }>> {
  const entry = manifest.snapshots.find((s) => s.name === name);
  if (!entry) throw new RangeError(`the portraits model has no snapshot "${name}"`);
  const bytes = await readFile(`${folder}${entry.file}`);
  if (createHash("sha256").update(bytes).digest("hex") !== entry.sha256) throw new Error(`${entry.file} does not match its hash in model.json; re-export the model`);
  const count = bytes.length / 2;
  const tensors = new Map<string, { shape: number[]; values: Float32Array }>();
  for (const t of manifest.tensors) {
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (t.offset + size > count) throw new Error(`${entry.file} is too short for tensor ${t.name}`);
    const values = new Float32Array(size);
    for (let i = 0; i < size; i++) values[i] = halfToFloat(bytes.readUInt16LE(2 * (t.offset + i)));
    tensors.set(t.name, { shape: t.shape, values });
  }
  return tensors;
}
