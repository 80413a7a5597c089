import { randomUUID } from "node:crypto";
import { z } from "zod";
import { EVENTS, directionsFindSchema, latentsMapSchema } from "@umbra/protocol";
import type { LocalWorkerAsker, WorkerAsker, WorkerQuestion } from "../frames/ask-worker.js";
import { jsonMessage, readJsonMessage } from "./cluster-message.js";
import type { RedisLink } from "./redis-link.js";
import type { WorkerRoster } from "./worker-roster.js";

const QUESTIONS = "umbra:worker-questions";
const answersTo = (server: string) => `umbra:worker-answers:${server}`;
/** The longest a question may ask another server's worker to take. */
const MAX_TIMEOUT_MS = 120_000;

const envelope = { id: z.string().uuid(), from: z.string().uuid(), model: z.string().min(1).max(200), timeoutMs: z.number().int().positive().max(MAX_TIMEOUT_MS), what: z.string().max(100) };
const questionSchema = z.discriminatedUnion("event", [
  z.object({ ...envelope, event: z.literal(EVENTS.latentsMap), payload: latentsMapSchema }).strict(),
  z.object({ ...envelope, event: z.literal(EVENTS.directionsFind), payload: directionsFindSchema }).strict(),
]);
// The answer itself is checked by the asker, with the schema of the question it asked.
const answerSchema = z.union([z.object({ id: z.string().uuid(), ok: z.literal(true), answer: z.unknown() }).strict(), z.object({ id: z.string().uuid(), ok: z.literal(false), message: z.string().max(2000) }).strict()]);

interface Waiting {
  resolve: (answer: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Questions for workers (latents' w, a snapshot's directions) across collab-servers:
 * asked of a worker here when one has the model, else published; of the servers whose
 * workers have it, the one that claims the question asks its worker and answers on the
 * asking server's own channel.
 */
export class ClusterWorkerAsker implements WorkerAsker {
  private readonly waiting = new Map<string, Waiting>();

  private constructor(
    private readonly server: string,
    private readonly redis: RedisLink,
    private readonly local: LocalWorkerAsker,
    private readonly roster: WorkerRoster,
  ) {}

  static async join(server: string, redis: RedisLink, local: LocalWorkerAsker, roster: WorkerRoster, log: (line: string) => void): Promise<ClusterWorkerAsker> {
    const asker = new ClusterWorkerAsker(server, redis, local, roster);
    await redis.subscribe(QUESTIONS, (message) => {
      const parsed = readJsonMessage(questionSchema, message);
      if (!parsed.ok) return log(`cluster: a worker question from another server was refused: ${parsed.problem}`);
      const { id, from, model, timeoutMs, what, ...question } = parsed.value;
      if (!local.has(model)) return;
      const reply = (answer: z.infer<typeof answerSchema>) => redis.publish(answersTo(from), jsonMessage(answer));
      redis
        .claim(`umbra:question:${id}`, timeoutMs)
        .then(async (mine) => {
          if (!mine) return;
          try {
            reply({ id, ok: true, answer: await local.ask(model, question, timeoutMs, what) });
          } catch (error) {
            reply({ id, ok: false, message: error instanceof Error ? error.message : String(error) });
          }
        })
        .catch((error: unknown) => log(`cluster: could not claim a worker question: ${error instanceof Error ? error.message : String(error)}`));
    });
    await redis.subscribe(answersTo(server), (message) => {
      const parsed = readJsonMessage(answerSchema, message);
      if (!parsed.ok) return log(`cluster: a worker answer from another server was refused: ${parsed.problem}`);
      const waiting = asker.waiting.get(parsed.value.id);
      if (!waiting) return;
      asker.waiting.delete(parsed.value.id);
      clearTimeout(waiting.timer);
      if (parsed.value.ok) waiting.resolve(parsed.value.answer);
      else waiting.reject(new Error(parsed.value.message));
    });
    return asker;
  }

  async ask(model: string, question: WorkerQuestion, timeoutMs: number, what: string): Promise<unknown> {
    // Here when a worker here has it; when no server's has it, the local asker says so.
    if (this.local.has(model) || !this.roster.models().some((m) => m.id === model)) return this.local.ask(model, question, timeoutMs, what);
    const id = randomUUID();
    // The other server's worker has timeoutMs; the trip there and back gets as long again.
    const waitMs = 2 * timeoutMs;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`no collab-server's worker gave ${what} within ${waitMs} ms`));
      }, waitMs);
      this.waiting.set(id, { resolve, reject, timer });
      this.redis.publish(QUESTIONS, jsonMessage({ id, from: this.server, model, timeoutMs: Math.min(timeoutMs, MAX_TIMEOUT_MS), what, ...question }));
    });
  }

  /** Questions still waiting fail: the server is closing. */
  close(): void {
    for (const [id, waiting] of this.waiting) {
      clearTimeout(waiting.timer);
      waiting.reject(new Error("the server is shutting down"));
      this.waiting.delete(id);
    }
  }
}
