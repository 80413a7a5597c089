import { measureFanout } from "../bench/yjs-fanout.js";
process.env.NODE_OPTIONS = `--require ${process.cwd()}/.scratch/profile-preload.cjs`;
process.env.PROFILE_OUT = "/tmp/collab.cpuprofile";
process.env.PROFILE_MS = "14000";
const f = await measureFanout("pglite");
console.log(JSON.stringify({ p50: f.p50.toFixed(1), p99: f.p99.toFixed(1), cpu: f.serverCpuPct.toFixed(1) }));
process.exit(0);
