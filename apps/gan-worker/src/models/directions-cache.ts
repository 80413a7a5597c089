import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { DIRECTION_COUNT, decodeLatentBase64, encodeLatentBase64, latentVectorSchema, type LatentDirection } from "@umbra/latent";

const cachedFileSchema = z
  .object({
    version: z.literal(1),
    directions: z.array(z.object({ vector: latentVectorSchema, sigma: z.number().min(0).max(1e6) }).strict()).length(DIRECTION_COUNT),
  })
  .strict();

/**
 * A snapshot's latent directions, kept in `folder` as `<weights sha256>.json` so a
 * worker finds them once per set of weights, not once per start. A missing or
 * unreadable file is found again and rewritten; with no folder they are only found.
 */
export async function cachedDirections(folder: string | undefined, weightsHash: string, find: () => Promise<LatentDirection[]>): Promise<LatentDirection[]> {
  if (!/^[0-9a-f]{64}$/.test(weightsHash)) throw new RangeError("a weights hash is 64 hex digits");
  if (!folder) return find();
  const file = join(folder, `${weightsHash}.json`);
  // A file that is missing, torn or of another shape is not an error: the directions are found again.
  const stored = await readFile(file, "utf8")
    .then((text) => cachedFileSchema.safeParse(JSON.parse(text)).data)
    .catch(() => undefined);
  if (stored) {
    const directions = stored.directions.map((d) => ({ vector: decodeLatentBase64(d.vector), sigma: d.sigma }));
    if (directions.every((d) => d.vector.length === directions[0]!.vector.length)) return directions;
  }
  const directions = await find();
  await mkdir(folder, { recursive: true });
  // Written aside and renamed, so a reader never sees half a file.
  const part = `${file}.${process.pid}.part`;
  await writeFile(part, JSON.stringify({ version: 1, directions: directions.map((d) => ({ vector: encodeLatentBase64(d.vector), sigma: d.sigma })) }));
  await rename(part, file);
  return directions;
}
