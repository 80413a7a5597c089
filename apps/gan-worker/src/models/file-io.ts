import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { io } from "@tensorflow/tfjs-core";

/** The parts of a TensorFlow.js model.json this loader reads. */
interface ModelJson {
  modelTopology?: object;
  format?: string;
  generatedBy?: string;
  convertedBy?: string | null;
  signature?: object;
  userDefinedMetadata?: Record<string, object>;
  modelInitializer?: object;
  weightsManifest?: { paths: string[]; weights: io.WeightsManifestEntry[] }[];
}

export class ModelFileError extends Error {
  override name = "ModelFileError";
}

/**
 * A tfjs IOHandler that reads `model.json` and its weight shards from disk, which
 * tfjs-core only does through tfjs-node (not installable everywhere). Shards are read
 * in manifest order and joined, as tfjs expects; `onProgress` hears the share read.
 */
export function fileSystemModel(modelJsonPath: string, onProgress?: (fraction: number) => void): io.IOHandler {
  return {
    load: async (): Promise<io.ModelArtifacts> => {
      let json: ModelJson;
      try {
        json = JSON.parse(await readFile(modelJsonPath, "utf8")) as ModelJson;
      } catch (error) {
        throw new ModelFileError(`cannot read ${modelJsonPath}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!json.modelTopology) throw new ModelFileError(`${modelJsonPath} has no modelTopology: is it a TensorFlow.js model.json?`);
      const groups = json.weightsManifest ?? [];
      const paths = groups.flatMap((g) => g.paths.map((p) => resolve(dirname(modelJsonPath), p)));
      const shards: Uint8Array[] = [];
      for (const [i, path] of paths.entries()) {
        try {
          shards.push(await readFile(path));
        } catch (error) {
          throw new ModelFileError(`cannot read weight shard ${path} of ${modelJsonPath}: ${error instanceof Error ? error.message : String(error)}`);
        }
        onProgress?.((i + 1) / paths.length);
      }
      const weightData = new Uint8Array(shards.reduce((n, s) => n + s.byteLength, 0));
      let offset = 0;
      for (const shard of shards) {
        weightData.set(shard, offset);
        offset += shard.byteLength;
      }
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy ?? undefined,
        signature: json.signature,
        userDefinedMetadata: json.userDefinedMetadata,
        modelInitializer: json.modelInitializer,
        weightSpecs: groups.flatMap((g) => g.weights),
        weightData: weightData.buffer,
      };
    },
  };
}
