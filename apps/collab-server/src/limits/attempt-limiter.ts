/** Failed attempts per key in a sliding window: in this process (AttemptLimiter), or shared by every collab-server (RedisAttemptCounter). */
export interface AttemptCounter {
  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  retryAfterMs(key: string): number | Promise<number>;
  recordFailure(key: string): void | Promise<void>;
  reset(key: string): void | Promise<void>;
}

/**
 * Counts failed attempts per key (an account, an address) in a sliding window.
 * Keys are forgotten once their window passes, so memory stays bounded by the
 * number of keys that failed recently.
 */
export class AttemptLimiter implements AttemptCounter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.maxFailures) return 0;
    return recent[recent.length - this.maxFailures]! + this.windowMs - this.now();
  }

  recordFailure(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.set(key, recent);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }
}
