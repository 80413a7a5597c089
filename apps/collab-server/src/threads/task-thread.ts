import { Worker } from "node:worker_threads";
import type { TaskAnswer, TaskMessage } from "./serve-tasks.js";

/**
 * The thread runs compiled JavaScript, so the workspace packages it imports must resolve
 * to their builds as well: tests and `dev` resolve them to TypeScript sources through the
 * "umbra-source" condition, which the thread leaves out. Otherwise it inherits the
 * process's flags as Node gives them (an explicit list may not hold flags a thread refuses).
 */
function threadArgv(argv: readonly string[]): string[] | undefined {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if ((flag === "--conditions" || flag === "-C") && argv[i + 1] === "umbra-source") i++;
    else if (flag !== "--conditions=umbra-source") kept.push(flag);
  }
  return kept.length === argv.length ? undefined : kept;
}

/**
 * One worker thread running a script's tasks, started on first use: CPU work kept off
 * the event loop that relays updates. While a task is pending the thread keeps the
 * process alive; idle, it does not. A thread that dies fails what it was doing with
 * the reason, and the next task starts a new one.
 */
export class TaskThread<Request, Result> {
  private worker: Worker | null = null;
  private nextId = 1;
  private started = 0;
  private readonly pending = new Map<number, { resolve: (result: Result) => void; reject: (error: Error) => void }>();

  /**
   * `script` is the thread's compiled JavaScript; `name` says whose thread it is in errors;
   * `log` hears the failures of requests sent without waiting.
   */
  constructor(
    private readonly script: string,
    private readonly name: string,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /** The running thread's number, counting those started, or 0 when none runs: what a thread kept from earlier requests is gone once it changes. */
  get generation(): number {
    return this.worker ? this.started : 0;
  }

  run(request: Request, transfer: readonly ArrayBuffer[] = []): Promise<Result> {
    const worker = this.thread();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, request } satisfies TaskMessage<Request>, [...transfer]);
    });
  }

  /** Sends a request without waiting for it; requests are performed in the order sent. */
  send(request: Request): void {
    this.thread().postMessage({ id: null, request } satisfies TaskMessage<Request>);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error(`the ${this.name} was closed`));
    await worker?.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { execArgv: threadArgv(process.execArgv) });
    worker.unref();
    worker.on("message", (answer: TaskAnswer<Result>) => {
      if (answer.id === null) return this.log(`the ${this.name}: ${"error" in answer ? answer.error : "an answer nobody asked for"}`);
      const waiting = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      if (this.pending.size === 0) worker.unref();
      if (!waiting) return;
      if ("result" in answer) waiting.resolve(answer.result);
      else waiting.reject(new Error(answer.error));
    });
    // A thread closed on purpose had its requests failed then; one started since is not touched.
    const died = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll(error);
    };
    worker.on("error", (error) => died(new Error(`the ${this.name}'s thread failed: ${error.message}`)));
    worker.on("exit", (code) => died(new Error(`the ${this.name}'s thread exited (code ${code})`)));
    this.worker = worker;
    this.started++;
    return worker;
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}
