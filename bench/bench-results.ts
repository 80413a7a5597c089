import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

export interface Figure {
  value: number;
  unit: string;
}

export const BENCH_FILE = resolve(process.env.UMBRA_DATA_DIR ?? ".umbra", "bench.json");

/** Merges figures into .umbra/bench.json at once, keeping names written before: a later crash loses nothing. */
export async function recordFigures(figures: Record<string, Figure>): Promise<void> {
  const existing = await readFile(BENCH_FILE, "utf8").then(
    (t) => JSON.parse(t) as Record<string, Figure>,
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return {};
      throw error;
    },
  );
  await mkdir(dirname(BENCH_FILE), { recursive: true });
  await writeFile(BENCH_FILE, `${JSON.stringify({ ...existing, ...figures }, null, 2)}\n`);
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The first line of an error's message: what a person needs, without stacks or bundled source. */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n").find((l) => l.trim())?.trim().slice(0, 300) ?? "unknown error";
}
