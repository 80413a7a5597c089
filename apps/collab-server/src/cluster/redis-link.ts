import { randomBytes } from "node:crypto";
import type { RedisClientType } from "@redis/client";
import type { createAdapter } from "@socket.io/redis-streams-adapter";

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- node-redis spells "no modules, functions or scripts" as {} in its own generics
export type RedisClient = RedisClientType<{}, {}, {}, 2>;

/** Bytes of a server's id at the front of every message it publishes: a server ignores its own. */
const SERVER_ID_BYTES = 8;

/**
 * This server's two connections to Redis (publishing, and the subscriber a Redis
 * connection becomes), shared by everything that crosses servers. Each message
 * carries the publishing server's id, and a server never hears its own.
 */
export class RedisLink {
  private readonly serverId = randomBytes(SERVER_ID_BYTES);

  private constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly adapter: typeof createAdapter,
    private readonly log: (line: string) => void,
  ) {}

  static async connect(url: string, log: (line: string) => void): Promise<RedisLink> {
    // Loaded only with REDIS_URL: a server alone (npm start) never holds the Redis client.
    const [{ createClient }, { createAdapter }] = await Promise.all([import("@redis/client"), import("@socket.io/redis-streams-adapter")]);
    const publisher: RedisClient = createClient({ url, RESP: 2 });
    const subscriber: RedisClient = publisher.duplicate();
    for (const client of [publisher, subscriber]) client.on("error", (error: Error) => log(`cluster: Redis: ${error.message}`));
    await Promise.all([publisher.connect(), subscriber.connect()]);
    return new RedisLink(publisher, subscriber, createAdapter, log);
  }

  /** Sends to every other server listening on `channel`; a failure is logged (what it carried is held elsewhere, see callers). */
  publish(channel: string, message: Uint8Array): void {
    this.publisher.publish(channel, Buffer.concat([this.serverId, message])).catch((error: unknown) => {
      this.log(`cluster: could not publish on ${channel}: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  /** Hears what other servers publish on `channel`. */
  async subscribe(channel: string, listener: (message: Uint8Array) => void): Promise<void> {
    await this.subscriber.subscribe(
      channel,
      (framed: Buffer) => {
        if (framed.length <= SERVER_ID_BYTES || framed.subarray(0, SERVER_ID_BYTES).equals(this.serverId)) return;
        listener(framed.subarray(SERVER_ID_BYTES));
      },
      true,
    );
  }

  async unsubscribe(channel: string): Promise<void> {
    await this.subscriber.unsubscribe(channel);
  }

  /** The connection for ordinary commands (the other one only listens). */
  get commands(): RedisClient {
    return this.publisher;
  }

  /** Takes `key` for `ttlMs` unless another server holds it: true for the one server that got it. */
  async claim(key: string, ttlMs: number): Promise<boolean> {
    return (await this.publisher.set(key, "1", { NX: true, PX: ttlMs })) === "OK";
  }

  /** socket.io's Redis streams adapter over this link: broadcasts to a room reach its sockets on every server. */
  socketAdapter(): ReturnType<typeof createAdapter> {
    // A short block, so a closing server's stream reader lets go soon.
    return this.adapter(this.publisher, { streamName: "umbra:socket.io", blockTimeInMs: 1000 });
  }

  async close(): Promise<void> {
    await Promise.all([this.subscriber.quit(), this.publisher.quit()]);
  }
}
