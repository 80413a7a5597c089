import { createHash, randomUUID } from "node:crypto";
import type { AttemptCounter } from "../limits/attempt-limiter.js";
import type { RedisLink } from "./redis-link.js";

/**
 * Failed sign-ins counted in Redis, so the limits hold across every collab-server:
 * one sorted set per key (scored by time), trimmed to the window on each look and
 * expiring with it. Keys are hashed, so a name or address of any length makes a short key.
 */
export class RedisAttemptCounter implements AttemptCounter {
  constructor(
    private readonly redis: RedisLink,
    private readonly kind: string,
    private readonly maxFailures: number,
    private readonly windowMs: number,
  ) {}

  async retryAfterMs(key: string): Promise<number> {
    const now = Date.now();
    const redisKey = this.keyOf(key);
    await this.redis.commands.zRemRangeByScore(redisKey, 0, now - this.windowMs);
    const times = (await this.redis.commands.zRangeWithScores(redisKey, 0, -1)).map((entry) => entry.score);
    if (times.length < this.maxFailures) return 0;
    return times[times.length - this.maxFailures]! + this.windowMs - now;
  }

  async recordFailure(key: string): Promise<void> {
    const now = Date.now();
    const redisKey = this.keyOf(key);
    await this.redis.commands.multi().zAdd(redisKey, { score: now, value: `${now}:${randomUUID()}` }).pExpire(redisKey, this.windowMs).exec();
  }

  async reset(key: string): Promise<void> {
    await this.redis.commands.del(this.keyOf(key));
  }

  private keyOf(key: string): string {
    return `umbra:signin:${this.kind}:${createHash("sha256").update(key).digest("hex")}`;
  }
}
