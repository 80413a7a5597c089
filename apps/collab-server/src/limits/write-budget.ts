/**
 * At most `max` writes per key in a window that starts with the key's first write:
 * kept in this process (LocalWriteBudget), or shared by every collab-server through
 * Redis (RedisWriteBudget). Keyed by person and room, never by connection.
 */
export interface WriteBudget {
  /** Counts one write; false when the key has spent its budget for this window. */
  take(key: string): boolean | Promise<boolean>;
}

export class LocalWriteBudget implements WriteBudget {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string): boolean {
    const now = this.now();
    this.forgetEnded(now);
    const current = this.windows.get(key);
    const window = current && now - current.start < this.windowMs ? current : { start: now, count: 0 };
    window.count += 1;
    this.windows.set(key, window);
    return window.count <= this.max;
  }

  /** Memory stays bounded by the keys that wrote within one window: ended windows are forgotten as the map grows. */
  private forgetEnded(now: number): void {
    if (this.windows.size < 1024) return;
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
