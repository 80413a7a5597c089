import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

export interface Figure {
  value: number;
  unit: string;
}

export const BENCH_FILE = resolve(process.env.UMBRA_DATA_DIR ?? ".umbra", "bench.json");

/** Merges figures into .umbra/bench.json, keeping names other benchmarks wrote. */
export async function recordFigures(figures: Record<string, Figure>): Promise<void> {
  const existing = await readFile(BENCH_FILE, "utf8").then((t) => JSON.parse(t) as Record<string, Figure>, () => ({}));
  await mkdir(dirname(BENCH_FILE), { recursive: true });
  await writeFile(BENCH_FILE, `${JSON.stringify({ ...existing, ...figures }, null, 2)}\n`);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
