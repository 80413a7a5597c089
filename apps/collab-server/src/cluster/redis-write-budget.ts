import { createHash } from "node:crypto";
import type { WriteBudget } from "../limits/write-budget.js";
import type { RedisLink } from "./redis-link.js";

/** A WriteBudget every collab-server shares: one counter per key in Redis, which expires with its window. */
export class RedisWriteBudget implements WriteBudget {
  constructor(
    private readonly redis: RedisLink,
    private readonly kind: string,
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  async take(key: string): Promise<boolean> {
    const redisKey = `umbra:budget:${this.kind}:${createHash("sha256").update(key).digest("hex")}`;
    // One transaction: the counter is made with its expiry, so it can never outlive its window.
    const [, count] = await this.redis.commands.multi().set(redisKey, "0", { condition: "NX", expiration: { type: "PX", value: this.windowMs } }).incr(redisKey).exec();
    return Number(count) <= this.max;
  }
}
