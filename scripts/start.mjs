// `npm start`: builds what changed (turbo caches the rest), then runs collab-server,
// one gan-worker and the web app with the embedded defaults, and prints the URL.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = process.env.PORT ?? "3000";
const collabPort = process.env.COLLAB_PORT ?? "3001";
const env = {
  ...process.env,
  PORT: port,
  COLLAB_PORT: collabPort,
  NEXT_TELEMETRY_DISABLED: "1",
  // Local use needs no accounts unless asked for (UMBRA_OPEN=0 turns sign-in on).
  UMBRA_OPEN: process.env.UMBRA_OPEN ?? "1",
  // The worker started here must be let in by the hub started here; a fresh secret per run does it.
  UMBRA_WORKER_SECRET: process.env.UMBRA_WORKER_SECRET ?? randomBytes(24).toString("base64url"),
};

const build = spawnSync(process.execPath, [fileURLToPath(new URL("../node_modules/turbo/bin/turbo", import.meta.url)), "run", "build", "--output-logs=errors-only"], {
  cwd: root,
  env,
  stdio: "inherit",
});
if (build.status !== 0) {
  console.error("umbra: the build failed; see above.");
  process.exit(build.status ?? 1);
}

const children = new Map();
let stopping = false;

// collab-server's process settings, shared with the tests and the bench that start it
// (tests/support/collab-process.ts). Two malloc arenas instead of glibc's one per thread
// (PGlite, the update merger and libuv each have threads): an idle server on PGlite
// held about 20 MB less, with the same Yjs fan-out figures.
const collabServerEnv = JSON.parse(readFileSync(new URL("./collab-server-env.json", import.meta.url), "utf8"));

function run(name, args, cwd = root, extraEnv = {}) {
  const child = spawn(process.execPath, args, { cwd, env: { ...extraEnv, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (stream, out) => {
    let rest = "";
    stream.on("data", (chunk) => {
      const lines = (rest + chunk.toString()).split("\n");
      rest = lines.pop();
      // Services prefix their own lines; Next does not.
      for (const line of lines) out.write(line.startsWith(`[${name}]`) ? `${line}\n` : `[${name}] ${line}\n`);
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on("exit", (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`umbra: ${name} exited (${signal ?? `code ${code}`}); stopping the others.`);
      stop(1);
    } else if (children.size === 0) process.exit(process.exitCode ?? 0);
  });
  children.set(name, child);
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  if (children.size === 0) process.exit(code);
  for (const child of children.values()) child.kill("SIGTERM");
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

async function waitForHealth(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return false;
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

run("collab-server", ["apps/collab-server/dist/main.js"], root, collabServerEnv);
if (!(await waitForHealth(`http://127.0.0.1:${collabPort}/healthz`, 60_000))) {
  console.error(`umbra: collab-server did not answer on port ${collabPort}.`);
  stop(1);
} else {
  run("gan-worker", ["apps/gan-worker/dist/main.js"]);
  run("web", [fileURLToPath(new URL("../node_modules/next/dist/bin/next", import.meta.url)), "start", "--port", port], fileURLToPath(new URL("../apps/web", import.meta.url)));
  if (await waitForHealth(`http://127.0.0.1:${port}/`, 60_000)) {
    const mode = env.UMBRA_OPEN === "1" ? "local mode, no accounts (UMBRA_OPEN=0 npm start to require sign-in)" : "accounts on: sign up on the page";
    console.log(`\n  Umbra is running: http://localhost:${port}\n  ${mode}\n  (collab-server on port ${collabPort}; press Ctrl+C to stop)\n`);
  }
}
