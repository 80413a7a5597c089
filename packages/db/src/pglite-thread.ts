// The thread that owns embedded PGlite. PGlite runs Postgres as WebAssembly on the
// thread that calls it, synchronously: on collab-server's main thread every query
// would hold up the Yjs relay and socket.io. Here it holds up only this thread.
import { parentPort, workerData } from "node:worker_threads";
import { PGlite, type Transaction as PGliteTransaction } from "@electric-sql/pglite";
import type { SqlDriverAdapter, Transaction as AdapterTransaction } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { FAST_BYTEA, readingFastBytea } from "./pglite-bytea.js";
import { threadError, type PGliteReady, type PGliteReply, type PGliteRequest, type PGliteThreadData } from "./pglite-messages.js";

/** A raw-SQL transaction held open until the main thread ends it. */
interface SqlTransaction {
  tx: PGliteTransaction;
  end(commit: boolean): Promise<void>;
}

const port = parentPort;
if (!port) throw new Error("pglite-thread runs as a worker thread of @umbra/db");

/** Thrown into PGlite's transaction callback to make it roll back. */
const ROLLBACK = Symbol("rollback");

class PGliteHost {
  private readonly sqlTransactions = new Map<number, SqlTransaction>();
  private readonly adapterTransactions = new Map<number, AdapterTransaction>();
  private nextTx = 1;

  constructor(
    private readonly pglite: PGlite,
    private readonly adapter: SqlDriverAdapter,
  ) {}

  async handle(request: PGliteRequest): Promise<unknown> {
    switch (request.op) {
      case "query":
        return (await this.queryable(request.tx).query(request.sql, request.params)).rows;
      case "exec":
        await this.queryable(request.tx).exec(request.sql);
        return undefined;
      case "begin":
        return this.beginSql();
      case "adapter.queryRaw":
        return this.adapterQueryable(request.tx).queryRaw(request.query);
      case "adapter.executeRaw":
        return this.adapterQueryable(request.tx).executeRaw(request.query);
      case "adapter.executeScript":
        return this.adapter.executeScript(request.script);
      case "adapter.begin": {
        const tx = this.nextTx++;
        const transaction = await this.adapter.startTransaction(request.isolationLevel);
        this.adapterTransactions.set(tx, transaction);
        return { tx, options: transaction.options };
      }
      case "end":
        return this.end(request.tx, request.commit);
      case "close":
        await this.pglite.close();
        return undefined;
    }
  }

  private queryable(tx: number | undefined): PGlite | PGliteTransaction {
    if (tx === undefined) return this.pglite;
    const open = this.sqlTransactions.get(tx);
    if (!open) throw new Error(`transaction ${tx} is not open`);
    return open.tx;
  }

  private adapterQueryable(tx: number | undefined): SqlDriverAdapter | AdapterTransaction {
    if (tx === undefined) return this.adapter;
    const open = this.adapterTransactions.get(tx);
    if (!open) throw new Error(`transaction ${tx} is not open`);
    return open;
  }

  /** Opens a PGlite transaction and keeps it open (holding PGlite's lock) until `end`, which waits for COMMIT or ROLLBACK. */
  private beginSql(): Promise<number> {
    const tx = this.nextTx++;
    return new Promise<number>((opened, failed) => {
      const done = this.pglite.transaction(
        (handle) =>
          new Promise<void>((commit, rollback) => {
            this.sqlTransactions.set(tx, {
              tx: handle,
              end: async (shouldCommit) => {
                if (shouldCommit) commit();
                else rollback(ROLLBACK);
                await settled;
              },
            });
            opened(tx);
          }),
      );
      const settled = done.catch((error: unknown) => {
        if (error !== ROLLBACK) throw error;
      });
      // Before it opened, a failure rejects `begin`; after, `end` reports it.
      settled.catch(failed);
    });
  }

  private async end(tx: number, commit: boolean): Promise<void> {
    const adapterTx = this.adapterTransactions.get(tx);
    if (adapterTx) {
      this.adapterTransactions.delete(tx);
      return commit ? adapterTx.commit() : adapterTx.rollback();
    }
    const sqlTx = this.sqlTransactions.get(tx);
    if (!sqlTx) throw new Error(`transaction ${tx} is not open`);
    this.sqlTransactions.delete(tx);
    await sqlTx.end(commit);
  }
}

async function main(): Promise<void> {
  const data = workerData as PGliteThreadData;
  let host: PGliteHost;
  try {
    const settings = Object.entries(data.settings).flatMap(([name, value]) => ["-c", `${name}=${value}`]);
    const pglite = await PGlite.create(data.dataDir, { startParams: [...PGlite.defaultStartParams, ...settings], ...FAST_BYTEA });
    const factory = new PrismaPGlite(readingFastBytea(pglite));
    host = new PGliteHost(pglite, await factory.connect());
    port!.postMessage({ ready: true, adapterName: factory.adapterName } satisfies PGliteReady);
  } catch (error) {
    port!.postMessage({ ready: false, error: threadError(error) } satisfies PGliteReady);
    return;
  }
  port!.on("message", (request: PGliteRequest) => {
    host.handle(request).then(
      (value) => {
        port!.postMessage({ id: request.id, ok: true, value } satisfies PGliteReply);
        if (request.op === "close") port!.close();
      },
      (error: unknown) => port!.postMessage({ id: request.id, ok: false, error: threadError(error) } satisfies PGliteReply),
    );
  });
}

void main();
