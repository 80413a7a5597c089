/** The last `size` durations, for percentiles in /metrics. */
export class LatencyWindow {
  private readonly values: number[] = [];
  private next = 0;
  private total = 0;

  constructor(private readonly size = 10_000) {}

  add(ms: number): void {
    if (this.values.length < this.size) this.values.push(ms);
    else this.values[this.next] = ms;
    this.next = (this.next + 1) % this.size;
    this.total++;
  }

  summary(): { count: number; p50: number | null; p99: number | null } {
    const sorted = [...this.values].sort((a, b) => a - b);
    const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : null);
    return { count: this.total, p50: at(0.5), p99: at(0.99) };
  }
}
