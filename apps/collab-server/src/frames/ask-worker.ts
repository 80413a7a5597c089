import type { z } from "zod";
import { EVENTS, validate, type DirectionsFind, type ErrorInfo, type LatentsMap } from "@umbra/protocol";
import { offers, type WorkerPool } from "./worker-pool.js";

/** A worker's answer: a value, or its reason for none. */
type WorkerAnswer<T> = ({ ok: true } & T) | { ok: false; error: ErrorInfo };

/** A question for a worker outside the render queue, as it travels: to a worker here, or to another server's. */
export type WorkerQuestion = { event: typeof EVENTS.latentsMap; payload: LatentsMap } | { event: typeof EVENTS.directionsFind; payload: DirectionsFind };

/** Where questions go; resolves with the worker's raw answer, or throws a sentence when no worker answers. */
export interface WorkerAsker {
  ask(model: string, question: WorkerQuestion, timeoutMs: number, what: string): Promise<unknown>;
}

/** This server's workers: the least busy one that has the model. */
export class LocalWorkerAsker implements WorkerAsker {
  constructor(private readonly workers: WorkerPool) {}

  has(model: string): boolean {
    return this.workers.has(model);
  }

  async ask(model: string, question: WorkerQuestion, timeoutMs: number, what: string): Promise<unknown> {
    const worker = this.workers.byLoad().find((w) => offers(w, model));
    if (!worker) throw new Error(this.workers.size > 0 ? `no connected worker has the model "${model}"` : "no render worker is connected");
    try {
      const socket = worker.socket.timeout(timeoutMs);
      // Narrowed per event, so each payload is checked against its own event's type.
      return await (question.event === EVENTS.latentsMap ? socket.emitWithAck(question.event, question.payload) : socket.emitWithAck(question.event, question.payload));
    } catch {
      throw new Error(`the worker ${worker.hello.name} did not give ${what} within ${timeoutMs} ms`);
    }
  }
}

/**
 * Asks a worker with `model` one question (latents' w, directions) and returns its
 * checked answer; throws a sentence when no worker answers in time, or the answer is
 * malformed or a refusal.
 */
export async function askWorker<T extends object>(
  asker: WorkerAsker,
  model: string,
  question: WorkerQuestion,
  expected: { timeoutMs: number; what: string; schema: z.ZodType<WorkerAnswer<T>> },
): Promise<T> {
  const raw = await asker.ask(model, question, expected.timeoutMs, expected.what);
  const answer = validate(expected.schema, raw, "worker answer");
  if (!answer.ok) throw new Error(`a worker sent a malformed answer: ${answer.error.message}`);
  if (!answer.value.ok) throw new Error(answer.value.error.message);
  return answer.value;
}
