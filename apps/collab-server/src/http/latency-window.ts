interface Sample {
  /** Date.now() when recorded. */
  at: number;
  ms: number;
}

/** The last `size` durations with when they happened, for percentiles in /metrics. */
export class LatencyWindow {
  private readonly samples: Sample[] = [];
  private next = 0;

  constructor(private readonly size = 20_000) {}

  add(ms: number): void {
    const sample = { at: Date.now(), ms };
    if (this.samples.length < this.size) this.samples.push(sample);
    else this.samples[this.next] = sample;
    this.next = (this.next + 1) % this.size;
  }

  /** Percentiles over the samples recorded at or after `since` (ms since the epoch; default: all kept). */
  summary(since = 0): { count: number; p50: number | null; p99: number | null } {
    const sorted = this.samples.filter((s) => s.at >= since).map((s) => s.ms).sort((a, b) => a - b);
    const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : null);
    return { count: sorted.length, p50: at(0.5), p99: at(0.99) };
  }
}
