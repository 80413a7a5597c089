// A service the tests or the bench run as a child process (collab-server, gan-worker,
// next start). Each runs in its own process group, so stopping it stops what it
// started too (next start's next-server), and carries the run's tag in its
// environment, so the global teardown can find whatever a crashed test left behind.
import { spawn, type ChildProcess } from "node:child_process";
import { SERVICE_TAG_VARIABLE, serviceTag } from "./service-reaper.js";

export interface ChildService {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything it printed so far, stdout and stderr together. */
  output(): string;
  /** Polls `ready` until it answers true; throws with the output (and stops the service) if it exits or time runs out. */
  waitUntil(ready: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void>;
  /** SIGKILL to the whole group at once, as a crash would; resolves once the service has exited. */
  kill(): Promise<void>;
  /** SIGTERM to the whole group; SIGKILL after `graceMs` if it has not exited, and to whatever of its group outlives it. */
  stop(graceMs?: number): Promise<void>;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: nothing of the group is left, which is what we wanted.
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

export function spawnService(name: string, args: string[], options: { cwd?: string; env: NodeJS.ProcessEnv }): ChildService {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...options.env, [SERVICE_TAG_VARIABLE]: serviceTag() },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`${name} could not be started`);
  const pid = child.pid;
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;

  const service: ChildService = {
    child,
    pid,
    output: () => output,
    async waitUntil(ready, what, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (hasExited()) throw new Error(`${name} exited (${child.signalCode ?? `code ${child.exitCode}`}) before ${what}:\n${output}`);
        // A probe that throws (connection refused while it starts) means "not yet"; exits and the deadline say more.
        if (await ready().catch(() => false)) return;
        if (Date.now() > deadline) {
          await service.stop();
          throw new Error(`${name}: ${what} did not happen within ${timeoutMs / 1000} s:\n${output}`);
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    },
    async kill() {
      signalGroup(pid, "SIGKILL");
      await exited;
    },
    async stop(graceMs = 15_000) {
      if (!hasExited()) {
        signalGroup(pid, "SIGTERM");
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, graceMs)))]);
        clearTimeout(timer);
      }
      signalGroup(pid, "SIGKILL");
      await exited;
    },
  };
  return service;
}
