import { seedFrameRecipe } from "@umbra/latent";
import type { ModelInfo } from "@umbra/protocol";
import { CppnGenerator } from "./cppn-generator.js";
import type { Generator } from "./generator.js";
import { LoadingNews } from "./models/loading-news.js";
import { loadModelFolder } from "./models/model-folder.js";
import { PortraitsGenerator } from "./models/portraits-generator.js";

/** The generators a worker can render, by id: the built-in ones and the user models from UMBRA_MODELS_DIR. */
export class ModelRegistry {
  private readonly generators = new Map<string, Generator>();

  /** `loading` carries the generators' snapshot-loading progress to the hub client. */
  constructor(
    generators: Generator[] = [new CppnGenerator()],
    readonly loading = new LoadingNews(),
  ) {
    for (const g of generators) {
      if (this.generators.has(g.id)) throw new Error(`two models have the id "${g.id}"; give one another id in its umbra-model.json`);
      this.generators.set(g.id, g);
    }
  }

  /**
   * The built-in generators (the trained portraits, the CPPN) plus every model in `modelsDir`,
   * when given; latent directions are kept in `directionsDir`, when given.
   */
  static async withModelsFrom(modelsDir: string | undefined, log: (line: string) => void, directionsDir?: string): Promise<ModelRegistry> {
    const loading = new LoadingNews();
    const user = modelsDir ? await loadModelFolder(modelsDir, log, loading, directionsDir) : [];
    return new ModelRegistry([await PortraitsGenerator.load(undefined, directionsDir), new CppnGenerator(), ...user], loading);
  }

  get(id: string): Generator {
    const generator = this.generators.get(id);
    if (!generator) throw new RangeError(`unknown model "${id}" (this worker has ${[...this.generators.keys()].join(", ")})`);
    return generator;
  }

  /**
   * Renders one small frame per model so weights, the mean latent and kernels are
   * ready before the first real request (which would otherwise pay for them).
   */
  async warmUp(): Promise<void> {
    for (const g of this.generators.values()) {
      await g.render([seedFrameRecipe(g.id, 0, { snapshot: g.snapshots[0]! })]);
    }
  }

  describe(): ModelInfo[] {
    return [...this.generators.values()].map((g) => ({
      id: g.id,
      latentSize: g.latentSize,
      snapshots: [...g.snapshots],
      ...(g.wSize ? { wSize: g.wSize } : {}),
      ...(g.styleLayers ? { styleLayers: [...g.styleLayers] } : {}),
      ...(g.styleGroups ? { styleGroups: g.styleGroups } : {}),
      // Directions need a mapping network: a user model's w size is known once a snapshot loaded.
      ...(g.latentDirections && g.wSize ? { directions: true } : {}),
    }));
  }
}
