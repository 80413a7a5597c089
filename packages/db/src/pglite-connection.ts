import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { SqlConnection } from "./sql-connection.js";

/** The migration runner's SQL over a PGlite instance in this thread (the initdb process's). */
export function pgliteConnection(db: PGlite | Transaction): SqlConnection {
  return {
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <Row>(sql: string, params: unknown[] = []) => (await db.query<Row>(sql, params)).rows,
    transaction: async (fn) => {
      if (!("transaction" in db)) throw new Error("nested transactions are not supported");
      return db.transaction((tx) => fn(pgliteConnection(tx)));
    },
  };
}
