import { z } from "zod";
import { recipeHash, type FrameRecipe } from "@umbra/latent";
import { backendInfoSchema, frameMimeSchema, frameRecipeSchema } from "@umbra/protocol";
import type { CachedFrame } from "../frames/frame-cache.js";
import type { FrameCluster, FrameHub } from "../frames/frame-hub.js";
import type { WorkerPool } from "../frames/worker-pool.js";
import { jsonMessage, readJsonMessage } from "./cluster-message.js";
import type { RedisLink } from "./redis-link.js";
import type { WorkerRoster } from "./worker-roster.js";

const FRAMES = "umbra:frames";
const REQUESTS = "umbra:frame-requests";
const rooms = z.array(z.string().min(1).max(100)).max(1000);

const requestSchema = z.object({ recipe: frameRecipeSchema, rooms, urgent: z.boolean() }).strict();
/** A shared frame's header; its JPEG bytes follow it. */
const frameHeaderSchema = z
  .object({
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    recipe: frameRecipeSchema,
    mime: frameMimeSchema,
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    renderMs: z.number(),
    backend: backendInfoSchema,
    rooms,
  })
  .strict();


/**
 * Frames across collab-servers. Every frame a worker here renders is published, so
 * every server caches it and shows it to its sockets in the rooms that see it as their
 * preview. A server with no worker for a frame's model asks the others; of the servers
 * whose workers have the model, the one that claims the frame's hash in Redis renders it.
 * A server whose own worker could render a frame claims it too, so identical requests
 * on several servers render once.
 */
export class FrameShare implements FrameCluster {
  constructor(
    private readonly redis: RedisLink,
    private readonly workers: WorkerPool,
    /** Every server's workers: whether asking the others can get a frame rendered. */
    private readonly roster: WorkerRoster,
    /** How long a claim to render a frame lasts: the render timeout. */
    private readonly claimMs: number,
    private readonly log: (line: string) => void,
  ) {}

  async attach(hub: FrameHub): Promise<void> {
    await this.redis.subscribe(FRAMES, (message) => {
      const frame = readFrame(message);
      if ("problem" in frame) return this.log(`cluster: a frame from another server was refused: ${frame.problem}`);
      hub.acceptShared(frame.frame, frame.rooms);
    });
    await this.redis.subscribe(REQUESTS, (message) => {
      const parsed = readJsonMessage(requestSchema, message);
      if (!parsed.ok) return this.log(`cluster: a frame request from another server was refused: ${parsed.problem}`);
      const { recipe, rooms: wanting, urgent } = parsed.value;
      if (!this.workers.has(recipe.model)) return;
      this.claim(recipeHash(recipe)).then(
        (mine) => mine && hub.renderForCluster(recipe, wanting, urgent),
        (error: unknown) => this.log(`cluster: could not claim a frame to render: ${error instanceof Error ? error.message : String(error)}`),
      );
    });
  }

  offers(model: string): boolean {
    return this.roster.models().some((m) => m.id === model);
  }

  ask(recipe: FrameRecipe, wanting: readonly string[], urgent: boolean): void {
    this.redis.publish(REQUESTS, jsonMessage({ recipe, rooms: wanting, urgent }));
  }

  claim(hash: string): Promise<boolean> {
    return this.redis.claim(`umbra:render:${hash}`, this.claimMs);
  }

  share(frame: CachedFrame, wanting: readonly string[]): void {
    const { bytes, ...rest } = frame;
    const header = jsonMessage({ ...rest, rooms: wanting });
    const body = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const message = new Uint8Array(4 + header.length + body.length);
    new DataView(message.buffer).setUint32(0, header.length);
    message.set(header, 4);
    message.set(body, 4 + header.length);
    this.redis.publish(FRAMES, message);
  }
}

/** [header length: u32][header JSON][JPEG bytes], its hash checked against its recipe. */
function readFrame(message: Uint8Array): { frame: CachedFrame; rooms: string[] } | { problem: string } {
  if (message.length < 4) return { problem: "too short" };
  const headerLength = new DataView(message.buffer, message.byteOffset, message.byteLength).getUint32(0);
  if (4 + headerLength > message.length) return { problem: "its header runs past its end" };
  const header = readJsonMessage(frameHeaderSchema, message.subarray(4, 4 + headerLength));
  if (!header.ok) return { problem: header.problem };
  const { rooms: wanting, ...meta } = header.value;
  if (recipeHash(meta.recipe) !== meta.hash) return { problem: "its hash is not its recipe's" };
  return { frame: { ...meta, bytes: message.slice(4 + headerLength) }, rooms: wanting };
}
