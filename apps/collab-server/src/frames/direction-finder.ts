import { encodeLatentBase64, resolveW, seedFrameRecipe, type LatentRef } from "@umbra/latent";
import { EVENTS, directionsFindResultSchema, type LatentDirectionWire, type ModelInfo } from "@umbra/protocol";
import { askWorker, type WorkerAsker } from "./ask-worker.js";
import type { LatentMapper } from "./latent-mapper.js";

/** Snapshots whose directions are remembered here; the oldest is forgotten first. */
const REMEMBERED_SNAPSHOTS = 64;

/**
 * What the Directions panel needs to nudge a keyframe: the keyframe's w and the
 * model snapshot's directions, both from a worker. Directions depend only on the
 * weights, so each snapshot's are asked for once and remembered.
 */
export class DirectionFinder {
  private readonly found = new Map<string, Promise<LatentDirectionWire[]>>();

  constructor(
    private readonly workers: WorkerAsker,
    private readonly mapper: LatentMapper,
    private readonly timeoutMs: number,
  ) {}

  async load(model: ModelInfo, snapshot: string, latent: LatentRef): Promise<{ w: string; directions: LatentDirectionWire[] }> {
    const { wSize } = model;
    if (!model.directions || !wSize) throw new RangeError(`the model ${model.id} has no mapping network, so it offers no directions`);
    if (!model.snapshots.includes(snapshot)) throw new RangeError(`the model ${model.id} has no snapshot "${snapshot}"`);
    const [w, directions] = await Promise.all([this.wOf(model.id, wSize, snapshot, latent), this.directions(model.id, snapshot)]);
    return { w, directions };
  }

  /** The latent's untruncated w (ψ = 1), as base64. */
  private async wOf(model: string, wSize: number, snapshot: string, latent: LatentRef): Promise<string> {
    if ("w" in latent) {
      resolveW(latent, wSize);
      return latent.w;
    }
    const [w] = await this.mapper.map([seedFrameRecipe(model, 0, { snapshot, from: latent, to: latent, truncation: 1 })]);
    return encodeLatentBase64(w!);
  }

  private directions(model: string, snapshot: string): Promise<LatentDirectionWire[]> {
    const key = `${model}\u0000${snapshot}`;
    let finding = this.found.get(key);
    if (!finding) {
      finding = this.ask(model, snapshot);
      finding.catch(() => this.found.delete(key));
      this.found.set(key, finding);
      if (this.found.size > REMEMBERED_SNAPSHOTS) this.found.delete(this.found.keys().next().value!);
    }
    return finding;
  }

  private async ask(model: string, snapshot: string): Promise<LatentDirectionWire[]> {
    const answer = await askWorker(
      this.workers,
      model,
      { event: EVENTS.directionsFind, payload: { model, snapshot } },
      { timeoutMs: this.timeoutMs, what: "the directions", schema: directionsFindResultSchema },
    );
    return answer.directions;
  }
}
