import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { z } from "zod";

/** The manifest every user model folder holds, next to its model files. */
export const MANIFEST_FILE = "umbra-model.json";

const relativePath = z
  .string()
  .min(1)
  .refine((p) => !p.startsWith("/") && !p.split(/[\\/]/).includes(".."), "must be a path inside the model folder");

export const modelManifestSchema = z
  .object({
    /** The model's id in rooms; "user/<folder name>" when absent. */
    id: z.string().min(1).max(200).optional(),
    /** How the files were saved: tf.LayersModel (model.save) or tf.GraphModel (tensorflowjs_converter). */
    format: z.enum(["layers", "graph"]),
    /** Numbers in one latent z. */
    latentSize: z.number().int().min(1).max(16384),
    /** The generator's input: z, or w when `mapping` is given. */
    input: z.string().min(1),
    /** The generator's image output. */
    output: z.string().min(1),
    layout: z.enum(["NHWC", "NCHW"]),
    /** The output's value range, black to white: [-1, 1] for most StyleGANs. */
    range: z.tuple([z.number(), z.number()]).refine(([lo, hi]) => hi > lo, "must be [low, high] with high > low"),
    /** A mapping network z → w in its own model file per snapshot: truncation then happens in w. */
    mapping: z.object({ input: z.string().min(1), output: z.string().min(1) }).strict().optional(),
    /** Checkpoints of the same model, as in Marrow's snapshot picker; the first is the default. */
    snapshots: z
      .array(
        z
          .object({
            name: z.string().min(1).max(200),
            /** model.json of the generator (the synthesis network, when `mapping` is given). */
            generator: relativePath,
            /** model.json of this snapshot's mapping network. */
            mapping: relativePath.optional(),
            /** .npy of the mean latent (mean w with a mapping network, else mean z) for truncation. */
            meanLatent: relativePath.optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .superRefine((m, ctx) => {
    const names = m.snapshots.map((s) => s.name);
    if (new Set(names).size !== names.length) ctx.addIssue({ code: "custom", path: ["snapshots"], message: "snapshot names must be unique" });
    m.snapshots.forEach((s, i) => {
      if (Boolean(m.mapping) !== Boolean(s.mapping)) {
        ctx.addIssue({ code: "custom", path: ["snapshots", i, "mapping"], message: m.mapping ? "every snapshot needs its mapping model.json" : "give the manifest's mapping names first" });
      }
    });
  });
export type ModelManifest = z.infer<typeof modelManifestSchema> & { id: string };

/** Reads and checks a folder's manifest; the error names the file and the problem. */
export async function readModelManifest(folder: string): Promise<ModelManifest> {
  const path = join(folder, MANIFEST_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new Error(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = modelManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join(".") || "(file)"}: ${issue.message}`);
  }
  return { ...parsed.data, id: parsed.data.id ?? `user/${basename(folder)}` };
}
