import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { LoadingNews } from "./loading-news.js";
import { MANIFEST_FILE, readModelManifest } from "./model-manifest.js";
import { UserModelGenerator } from "./user-model-generator.js";

/**
 * The user models in a folder: every subfolder with an umbra-model.json. A folder
 * whose manifest is wrong is left out and logged with the reason, so one broken
 * model does not keep the others from rendering.
 */
export async function loadModelFolder(dir: string, log: (line: string) => void, news: LoadingNews, directionsDir?: string): Promise<UserModelGenerator[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new Error(`cannot read the models folder ${dir} (UMBRA_MODELS_DIR): ${error instanceof Error ? error.message : String(error)}`);
  }
  const models: UserModelGenerator[] = [];
  for (const name of entries.sort()) {
    const folder = join(dir, name);
    const hasManifest = await stat(join(folder, MANIFEST_FILE)).then((s) => s.isFile(), () => false);
    if (!hasManifest) continue;
    try {
      const manifest = await readModelManifest(folder);
      models.push(new UserModelGenerator(folder, manifest, log, news, directionsDir));
      log(`models: ${manifest.id} from ${folder} (${manifest.format}, ${manifest.snapshots.length} snapshot${manifest.snapshots.length === 1 ? "" : "s"})`);
    } catch (error) {
      log(`models: skipped ${folder}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return models;
}
