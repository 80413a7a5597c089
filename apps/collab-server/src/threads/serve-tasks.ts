import { parentPort } from "node:worker_threads";

/** A task's message: `id` null for one sent without waiting for an answer (TaskThread.send). */
export interface TaskMessage<Request> {
  id: number | null;
  request: Request;
}
export type TaskAnswer<Result> = { id: number; result: Result } | { id: number | null; error: string };

/**
 * The thread's side of a TaskThread: answers each request with `perform`'s result,
 * handing `transferOf(result)`'s buffers over rather than copying them, or with the
 * error's message, prefixed by what failed. A request sent without waiting is answered
 * only when it fails.
 */
export function serveTasks<Request, Result>(failed: string, perform: (request: Request) => Result, transferOf: (result: Result) => ArrayBuffer[]): void {
  const port = parentPort;
  if (!port) throw new Error("serveTasks runs only in a worker thread");
  port.on("message", ({ id, request }: TaskMessage<Request>) => {
    let answer: TaskAnswer<Result>;
    try {
      const result = perform(request);
      if (id === null) return;
      answer = { id, result };
    } catch (error) {
      answer = { id, error: `${failed}: ${error instanceof Error ? error.message : String(error)}` };
    }
    port.postMessage(answer, "result" in answer ? transferOf(answer.result) : []);
  });
}
