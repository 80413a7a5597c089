import type { z } from "zod";
import { validate, type ErrorInfo } from "@umbra/protocol";
import { offers, type ConnectedWorker, type WorkerPool } from "./worker-pool.js";

/** A worker's answer: a value, or its reason for none. */
type WorkerAnswer<T> = ({ ok: true } & T) | { ok: false; error: ErrorInfo };

/**
 * Asks the least busy worker that has `model` one question outside the render queue
 * (latents' w, directions) and returns its checked answer; throws a sentence when no
 * worker has the model, none answers within `timeoutMs`, or the answer is malformed or a refusal.
 */
export async function askWorker<T extends object>(
  workers: WorkerPool,
  model: string,
  question: { timeoutMs: number; what: string; schema: z.ZodType<WorkerAnswer<T>> },
  send: (worker: ConnectedWorker, timeoutMs: number) => Promise<unknown>,
): Promise<T> {
  const worker = workers.byLoad().find((w) => offers(w, model));
  if (!worker) throw new Error(workers.size > 0 ? `no connected worker has the model "${model}"` : "no render worker is connected");
  let raw: unknown;
  try {
    raw = await send(worker, question.timeoutMs);
  } catch {
    throw new Error(`the worker ${worker.hello.name} did not give ${question.what} within ${question.timeoutMs} ms`);
  }
  const answer = validate(question.schema, raw, "worker answer");
  if (!answer.ok) throw new Error(`the worker ${worker.hello.name} sent a malformed answer: ${answer.error.message}`);
  if (!answer.value.ok) throw new Error(answer.value.error.message);
  return answer.value;
}
