import { measureFanout } from "../bench/yjs-fanout.js";
for (const kind of (process.argv[2] ?? "pglite").split(",") as ("pglite" | "postgres")[]) {
  const f = await measureFanout(kind);
  console.log(kind, JSON.stringify({ p50: f.p50.toFixed(1), p99: f.p99.toFixed(1), persist: f.persist.p99.toFixed(1), cpu: f.serverCpuPct.toFixed(1), n: f.receipts }));
}
process.exit(0);
