import { z } from "zod";
import { workerSummarySchema, type ModelInfo, type WorkerSummary } from "@umbra/protocol";
import type { WorkerPool } from "../frames/worker-pool.js";
import { jsonMessage, readJsonMessage } from "./cluster-message.js";
import type { RedisLink } from "./redis-link.js";

const CHANNEL = "umbra:workers";
/** Each server repeats its workers this often, so a server that starts hears them soon. */
const HEARTBEAT_MS = 5_000;
/** A server not heard from for this long has gone: its workers leave the roster. */
export const GONE_AFTER_MS = 3 * HEARTBEAT_MS;

const rosterSchema = z.object({ server: z.string().uuid(), workers: z.array(workerSummarySchema).max(1000) }).strict();

/** The workers rooms can render with: this server's, and (with REDIS_URL) every other server's. */
export interface WorkerRoster {
  summaries(): WorkerSummary[];
  models(): ModelInfo[];
  onChange(listener: () => void): () => void;
}

/**
 * The roster across collab-servers: each server publishes its own workers when they
 * change and every few seconds, and keeps what the others last said. A frame whose
 * model only another server's workers have is rendered there (FrameShare), so the
 * studio on any server shows every worker and asks for frames.
 */
export class ClusterRoster implements WorkerRoster {
  private readonly others = new Map<string, { workers: WorkerSummary[]; heard: number }>();
  private readonly listeners = new Set<() => void>();
  private readonly goneListeners = new Set<() => void>();
  private readonly heartbeat: ReturnType<typeof setInterval>;

  private constructor(
    /** This collab-server's id in the cluster (a UUID per process). */
    private readonly server: string,
    private readonly pool: WorkerPool,
    private readonly redis: RedisLink,
  ) {
    pool.onChange(() => {
      this.announce();
      this.changed();
    });
    this.heartbeat = setInterval(() => {
      this.announce();
      this.forgetGone();
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  static async join(server: string, pool: WorkerPool, redis: RedisLink, log: (line: string) => void): Promise<ClusterRoster> {
    const roster = new ClusterRoster(server, pool, redis);
    await redis.subscribe(CHANNEL, (message) => {
      const parsed = readJsonMessage(rosterSchema, message);
      if (!parsed.ok) return log(`cluster: a worker roster from another server was refused: ${parsed.problem}`);
      const { server, workers } = parsed.value;
      const known = roster.others.has(server);
      roster.others.set(server, { workers, heard: Date.now() });
      // A server just started: tell it ours at once rather than at the next heartbeat.
      if (!known) roster.announce();
      roster.changed();
    });
    roster.announce();
    return roster;
  }

  summaries(): WorkerSummary[] {
    return [...this.pool.summaries(), ...[...this.others.values()].flatMap((o) => o.workers)];
  }

  models(): ModelInfo[] {
    const byId = new Map<string, ModelInfo>();
    for (const w of this.summaries()) for (const m of w.models) if (!byId.has(m.id)) byId.set(m.id, m);
    return [...byId.values()];
  }

  /** This server and every server heard from lately: those whose work may still finish. */
  liveServers(): string[] {
    return [this.server, ...this.others.keys()];
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Hears that a server has not been heard from for long enough to be gone. */
  onServerGone(listener: () => void): void {
    this.goneListeners.add(listener);
  }

  close(): void {
    clearInterval(this.heartbeat);
  }

  private announce(): void {
    this.redis.publish(CHANNEL, jsonMessage({ server: this.server, workers: this.pool.summaries() }));
  }

  private forgetGone(): void {
    const now = Date.now();
    let gone = false;
    for (const [server, heard] of this.others) {
      if (now - heard.heard <= GONE_AFTER_MS) continue;
      this.others.delete(server);
      gone = true;
    }
    if (!gone) return;
    this.changed();
    for (const listener of this.goneListeners) listener();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
