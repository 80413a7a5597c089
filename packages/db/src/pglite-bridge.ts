// Embedded PGlite on a thread of its own (pglite-thread.ts), reached from the main
// thread through Prisma's driver-adapter interface and raw SQL, both forwarded as
// messages. The main thread never runs a query, so the Yjs relay and socket.io never
// wait on one.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import {
  DriverAdapterError,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
  type TransactionOptions,
} from "@prisma/driver-adapter-utils";
import type { PGliteReady, PGliteReply, PGliteRequest, PGliteThreadData, PGliteThreadError } from "./pglite-messages.js";
import type { SqlConnection } from "./sql-connection.js";

// The thread and initdb run compiled JavaScript: from src/ (tests) and dist/ alike, ../dist/ is the build.
const THREAD_JS = fileURLToPath(new URL("../dist/pglite-thread.js", import.meta.url));
const INITDB_JS = fileURLToPath(new URL("../dist/pglite-initdb.js", import.meta.url));

/**
 * Postgres settings for the embedded database. Postgres's shared memory lives in
 * PGlite's WebAssembly memory and is resident from the start: the default 128 MB of
 * shared buffers made an idle collab-server take ~290 MB, 8 MB ~200 MB. Umbra's hot
 * rows (rooms, members, recent Yjs log rows) fit in 8 MB many times over.
 */
const PGLITE_SETTINGS: Record<string, string> = { shared_buffers: "8MB" };

type Request = PGliteRequest extends infer R ? (R extends unknown ? Omit<R, "id"> : never) : never;

function toError(error: PGliteThreadError): Error {
  if (error.driverCause !== undefined) return new DriverAdapterError(error.driverCause as ConstructorParameters<typeof DriverAdapterError>[0]);
  return Object.assign(new Error(error.message), { name: error.name, ...(error.code ? { code: error.code } : {}) });
}

/**
 * Creates the data folder with initdb in a short-lived process, unless it exists, and
 * applies the migrations in `migrationsDir` there too (so the server's own PGlite never
 * grows for them); returns the names applied. A crash midway leaves no half-made folder.
 */
export async function createPGliteFolder(dataDir: string, log: (line: string) => void, migrationsDir?: string): Promise<string[]> {
  if (existsSync(join(dataDir, "PG_VERSION"))) return [];
  log(`database: creating the PGlite data folder ${dataDir}`);
  const staging = `${dataDir}.creating`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [INITDB_JS, staging, ...(migrationsDir ? [migrationsDir] : [])], { stdio: ["ignore", "pipe", "pipe"] });
    let [out, stderr] = ["", ""];
    child.stdout!.on("data", (chunk) => (out += chunk));
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0 ? resolve(out) : reject(new Error(`creating the PGlite folder ${dataDir} failed (${signal ?? `exit code ${code}`}): ${stderr.trim().split("\n").at(-1) ?? ""}`)),
    );
  });
  // rename(2) replaces an empty folder, such as one a user made for the data beforehand.
  await rename(staging, dataDir);
  const { applied } = JSON.parse(stdout) as { applied: string[] };
  return applied;
}

export class PGliteThread {
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  private nextId = 1;
  private stopped: Error | undefined;
  /** Raw SQL, for migrations and checks Prisma cannot express. */
  readonly sql: SqlConnection;
  /** Prisma's driver adapter, forwarded to pglite-prisma-adapter on the thread. */
  readonly adapter: SqlDriverAdapterFactory;

  private constructor(
    private readonly worker: Worker,
    readonly adapterName: string,
    log: (line: string) => void,
  ) {
    this.sql = threadConnection(this);
    this.adapter = { provider: "postgres", adapterName, connect: async () => new ThreadAdapter(this) };
    worker.on("message", (reply: PGliteReply) => this.settle(reply));
    // Unrecoverable here: every query fails from now on, and the log says why.
    const died = (reason: string) => {
      if (this.stopped) return;
      log(`database: ${reason}; every query fails until collab-server restarts`);
      this.stop(new Error(reason));
    };
    worker.on("error", (error) => died(`the PGlite thread failed: ${error.message}`));
    worker.on("exit", (code) => died(`the PGlite thread exited (code ${code})`));
    // Idle, the thread must not keep the process alive; a query waiting for it must.
    worker.unref();
  }

  /** Opens (creating it if needed) the PGlite folder on its own thread. */
  static async open(dataDir: string, log: (line: string) => void): Promise<PGliteThread> {
    if (!existsSync(THREAD_JS)) throw new Error(`${THREAD_JS} is missing: build @umbra/db first (npm run build)`);
    await createPGliteFolder(dataDir, log);
    const worker = new Worker(THREAD_JS, {
      workerData: { dataDir, settings: PGLITE_SETTINGS } satisfies PGliteThreadData,
      // The thread's JavaScript only passes rows along; a small young generation keeps
      // start-up garbage from sitting resident at idle (first starts measured 211–252 MB, then 217–230).
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    const ready = await new Promise<PGliteReady>((resolve, reject) => {
      const onMessage = (message: PGliteReady) => {
        stopListening();
        resolve(message);
      };
      const onError = (error: Error) => {
        stopListening();
        reject(error);
      };
      const onExit = (code: number) => onError(new Error(`the database thread exited (code ${code}) before PGlite opened`));
      // Only these: removeAllListeners() would also drop the hooks that start the worker's message port.
      const stopListening = () => worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      worker.on("message", onMessage).on("error", onError).on("exit", onExit);
    });
    if (!ready.ready) {
      await worker.terminate();
      throw toError(ready.error);
    }
    return new PGliteThread(worker, ready.adapterName, log);
  }

  call(request: Request): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id } as PGliteRequest);
    });
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.call({ op: "close" });
    } finally {
      this.stop(new Error("the database is closed"));
      await this.worker.terminate();
    }
  }

  private settle(reply: PGliteReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.ok) waiting.resolve(reply.value);
    else waiting.reject(toError(reply.error));
  }

  private stop(reason: Error): void {
    this.stopped ??= reason;
    for (const waiting of this.pending.values()) waiting.reject(reason);
    this.pending.clear();
  }
}

function threadConnection(thread: PGliteThread, tx?: number): SqlConnection {
  return {
    exec: async (sql) => {
      await thread.call({ op: "exec", sql, tx });
    },
    query: async <Row>(sql: string, params: unknown[] = []) => (await thread.call({ op: "query", sql, params, tx })) as Row[],
    transaction: async (fn) => {
      if (tx !== undefined) throw new Error("nested transactions are not supported");
      const opened = (await thread.call({ op: "begin" })) as number;
      let result;
      try {
        result = await fn(threadConnection(thread, opened));
      } catch (error) {
        await thread.call({ op: "end", tx: opened, commit: false });
        throw error;
      }
      await thread.call({ op: "end", tx: opened, commit: true });
      return result;
    },
  };
}

class ThreadQueryable {
  readonly provider = "postgres";
  readonly adapterName: string;

  constructor(
    protected readonly thread: PGliteThread,
    protected readonly tx?: number,
  ) {
    this.adapterName = thread.adapterName;
  }

  async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
    return (await this.thread.call({ op: "adapter.queryRaw", query, tx: this.tx })) as SqlResultSet;
  }

  async executeRaw(query: SqlQuery): Promise<number> {
    return (await this.thread.call({ op: "adapter.executeRaw", query, tx: this.tx })) as number;
  }
}

class ThreadTransaction extends ThreadQueryable implements Transaction {
  constructor(
    thread: PGliteThread,
    tx: number,
    readonly options: TransactionOptions,
  ) {
    super(thread, tx);
  }

  async commit(): Promise<void> {
    await this.thread.call({ op: "end", tx: this.tx!, commit: true });
  }

  async rollback(): Promise<void> {
    await this.thread.call({ op: "end", tx: this.tx!, commit: false });
  }
}

class ThreadAdapter extends ThreadQueryable implements SqlDriverAdapter {
  async executeScript(script: string): Promise<void> {
    await this.thread.call({ op: "adapter.executeScript", script });
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    const { tx, options } = (await this.thread.call({ op: "adapter.begin", isolationLevel })) as { tx: number; options: TransactionOptions };
    return new ThreadTransaction(this.thread, tx, options);
  }

  getConnectionInfo() {
    return { supportsRelationJoins: true };
  }

  async dispose(): Promise<void> {}
}
