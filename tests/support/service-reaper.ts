// Finds the processes a test run (or a bench run) started, by a tag in their
// environment, so that nothing outlives the run: not even what a test that crashed
// or timed out before its cleanup left behind.
import { readdirSync, readFileSync } from "node:fs";

/** The variable every spawned service and browser carries; its value is the run's tag. */
export const SERVICE_TAG_VARIABLE = "UMBRA_TEST_SERVICE";
/** Set by the test run's global setup, inherited by its test processes. */
const RUN_VARIABLE = "UMBRA_TEST_RUN";

/** This run's tag: the test run's, or else one for this process (a bench run). */
export function serviceTag(): string {
  process.env[RUN_VARIABLE] ??= `pid-${process.pid}`;
  return process.env[RUN_VARIABLE];
}

export function startRun(tag: string): void {
  process.env[RUN_VARIABLE] = tag;
}

/** A process that exited meanwhile (ENOENT, ESRCH) or is not ours to read (EACCES). */
function isGone(error: unknown): boolean {
  return ["ENOENT", "ESRCH", "EACCES"].includes((error as NodeJS.ErrnoException).code ?? "");
}

/** SIGKILLs every process tagged with `tag`; returns "pid name" of each. */
export function reapServices(tag: string): string[] {
  const marker = `${SERVICE_TAG_VARIABLE}=${tag}`;
  const reaped: string[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    let environ: string;
    let name: string;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, "latin1");
      name = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    } catch (error) {
      if (isGone(error)) continue;
      throw error;
    }
    if (!environ.split("\0").includes(marker)) continue;
    try {
      process.kill(pid, "SIGKILL");
      reaped.push(`${pid} ${name}`);
    } catch (error) {
      if (!isGone(error)) throw error;
    }
  }
  return reaped;
}
