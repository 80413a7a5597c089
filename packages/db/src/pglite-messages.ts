// What crosses between collab-server's main thread and the thread that owns PGlite.
// Everything here is plain data (structured clone): Prisma's driver-adapter boundary
// is already serialisable, so the bridge forwards it as it is.
import type { IsolationLevel, SqlQuery } from "@prisma/driver-adapter-utils";

/** Where the thread opens PGlite, and the Postgres settings it starts with (on top of PGlite's own). */
export interface PGliteThreadData {
  dataDir: string;
  settings: Record<string, string>;
}

/** `tx`: the id of an open transaction the statement belongs to. */
export type PGliteRequest =
  | { id: number; op: "query"; sql: string; params: unknown[]; tx?: number }
  | { id: number; op: "exec"; sql: string; tx?: number }
  | { id: number; op: "begin" }
  | { id: number; op: "adapter.queryRaw"; query: SqlQuery; tx?: number }
  | { id: number; op: "adapter.executeRaw"; query: SqlQuery; tx?: number }
  | { id: number; op: "adapter.executeScript"; script: string }
  | { id: number; op: "adapter.begin"; isolationLevel?: IsolationLevel }
  /** Ends a transaction opened by `begin` or `adapter.begin`. */
  | { id: number; op: "end"; tx: number; commit: boolean }
  | { id: number; op: "close" };

/** An error as it crossed the thread: Prisma's driver errors keep their `cause`, Postgres errors their SQLSTATE. */
export interface PGliteThreadError {
  name: string;
  message: string;
  code?: string;
  driverCause?: unknown;
}

export type PGliteReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: PGliteThreadError };

/** The thread's first message, once PGlite is open. */
export type PGliteReady = { ready: true; adapterName: string } | { ready: false; error: PGliteThreadError };

export function threadError(error: unknown): PGliteThreadError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const { code, cause } = error as Error & { code?: unknown; cause?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === "string" ? { code } : {}),
    ...(error.name === "DriverAdapterError" && typeof cause === "object" ? { driverCause: cause } : {}),
  };
}
