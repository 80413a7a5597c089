import { recipeHash, type FrameRecipe } from "@umbra/latent";
import type { ErrorInfo } from "@umbra/protocol";
import type { CachedFrame } from "../frames/frame-cache.js";
import type { FrameDelivery, FrameHub, FrameSink, Requester } from "../frames/frame-hub.js";
import type { ExportFrame } from "./frame-encoder.js";

/** Frames asked of the hub ahead of the encoder: enough to fill worker batches, few enough to bound memory. */
const WINDOW = 48;

/** The hub's requester ids of exports start so; socket.io's own ids never hold a colon. */
const EXPORT_REQUESTER_PREFIX = "export:";
export const exportRequesterId = (exportId: string) => `${EXPORT_REQUESTER_PREFIX}${exportId}`;

/**
 * An export's frames, in order, rendered through the frame hub like anyone's: the
 * cache answers frames rendered before (by the room or an earlier export), identical
 * frames render once, and the rest queue as prefetch, so people looking at frames
 * come first. Only a window ahead of the encoder is asked for at a time.
 */
export class ExportFrameFeed {
  private readonly hashes: string[];
  private readonly received = new Map<string, CachedFrame>();
  private next = 0;
  private requestedUpTo = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly hub: FrameHub,
    private readonly requester: Requester,
    private readonly recipes: readonly FrameRecipe[],
  ) {
    this.hashes = recipes.map(recipeHash);
  }

  /** The next frame in export order, once rendered; throws when it cannot be. */
  async nextFrame(): Promise<ExportFrame> {
    const index = this.next;
    if (index >= this.recipes.length) throw new Error("the export asked for more frames than it has");
    if (this.next + WINDOW / 2 >= this.requestedUpTo) this.requestWindow();
    const hash = this.hashes[index]!;
    let frame = this.received.get(hash);
    while (!frame) {
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
      frame = this.received.get(hash);
    }
    this.next++;
    // The same recipe can come again within the window (a still transition): keep it for then.
    const again = this.hashes.indexOf(hash, this.next);
    if (again === -1 || again >= this.requestedUpTo) this.received.delete(hash);
    const bytes = frame.bytes instanceof Uint8Array ? frame.bytes : new Uint8Array(frame.bytes);
    return { index, image: bytes, recipe: this.recipes[index]!, hash };
  }

  ready(frame: CachedFrame): void {
    this.received.set(frame.hash, frame);
    this.wake?.();
  }

  failed(error: ErrorInfo): void {
    this.failure = new Error(error.message);
    this.wake?.();
  }

  /** Nothing more is wanted: the hub drops what is still queued for this export. */
  close(): void {
    this.hub.forget(this.requester.socketId);
  }

  private requestWindow(): void {
    this.requestedUpTo = Math.min(this.recipes.length, this.next + WINDOW);
    const wanted: FrameRecipe[] = [];
    for (let i = this.next; i < this.requestedUpTo; i++) if (!this.received.has(this.hashes[i]!)) wanted.push(this.recipes[i]!);
    const asked = this.hub.prefetch(wanted, this.requester);
    if (!asked.ok) this.failed(asked.error);
  }
}

/**
 * The hub's sink with exports plugged in: frames asked for by an export go to its
 * feed, everything else to the rooms as before.
 */
export class ExportFrameRouter {
  private readonly feeds = new Map<string, ExportFrameFeed>();

  add(requesterId: string, feed: ExportFrameFeed): void {
    this.feeds.set(requesterId, feed);
  }

  remove(requesterId: string): void {
    this.feeds.delete(requesterId);
  }

  sink(rooms: FrameSink): FrameSink {
    const split = (to: FrameDelivery) => {
      const feeds: ExportFrameFeed[] = [];
      const requesters = new Map<string, string>();
      for (const [id, roomId] of to.requesters) {
        const feed = this.feeds.get(id);
        if (feed) feeds.push(feed);
        else if (!id.startsWith(EXPORT_REQUESTER_PREFIX)) requesters.set(id, roomId);
      }
      return { feeds, rest: { rooms: to.rooms, requesters } };
    };
    return {
      ready: (to, frame) => {
        const { feeds, rest } = split(to);
        for (const feed of feeds) feed.ready(frame);
        if (rest.rooms.size > 0 || rest.requesters.size > 0) rooms.ready(rest, frame);
      },
      failed: (to, hash, error) => {
        const { feeds, rest } = split(to);
        for (const feed of feeds) feed.failed(error);
        if (rest.rooms.size > 0 || rest.requesters.size > 0) rooms.failed(rest, hash, error);
      },
    };
  }
}
