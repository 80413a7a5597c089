// The real collab-server as a child process, for crash tests and benchmarks.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { ScratchTarget } from "@umbra/db/testing";
import collabServerEnv from "../../scripts/collab-server-env.json" with { type: "json" };
import { spawnService, type ChildService } from "./child-service.js";
import { TEST_WORKER_SECRET } from "./stack.js";

const mainJs = fileURLToPath(new URL("../../apps/collab-server/dist/main.js", import.meta.url));

/** Runs the built collab-server (apps/collab-server/dist/main.js) as its own process, in open mode and with the process settings `npm start` gives it, and waits for /healthz. */
export async function startCollabProcess(scratch: ScratchTarget, port: number, extraEnv: Record<string, string> = {}): Promise<ChildService> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const server = spawnService("collab-server", [mainJs], {
    env: {
      ...collabServerEnv,
      ...env,
      COLLAB_PORT: String(port),
      UMBRA_HOST: "127.0.0.1",
      UMBRA_OPEN: "1",
      // Tokens must outlive the restart, as they would with a configured secret.
      UMBRA_TOKEN_SECRET: "crash-test-token-secret-0123456789abcdef",
      UMBRA_WORKER_SECRET: TEST_WORKER_SECRET,
      UMBRA_MAX_MESSAGES_PER_SECOND: "10000",
      ...(scratch.target.kind === "postgres" ? { DATABASE_URL: scratch.target.url } : { UMBRA_DATA_DIR: dirname(scratch.target.dataDir) }),
      ...extraEnv,
    },
  });
  await server.waitUntil(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, "answering /healthz", 60_000);
  return server;
}
