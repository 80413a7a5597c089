// Runs the built Next.js app (`next start`) on a free port against a collab-server.
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { spawnService } from "./child-service.js";

const webDir = fileURLToPath(new URL("../../apps/web", import.meta.url));
const nextBin = fileURLToPath(new URL("../../node_modules/next/dist/bin/next", import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

export async function startWebServer(port: number, collabUrl: string): Promise<WebServer> {
  if (!existsSync(`${webDir}/.next/BUILD_ID`)) throw new Error("apps/web is not built: run `npm run build` (npm test does it first)");
  const web = spawnService("next start", [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: webDir,
    env: { ...process.env, UMBRA_COLLAB_URL: collabUrl, UMBRA_PUBLIC_COLLAB_URL: collabUrl, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const url = `http://127.0.0.1:${port}`;
  await web.waitUntil(async () => (await fetch(url)).status < 500, "answering HTTP", 60_000);
  return { url, close: () => web.stop() };
}
