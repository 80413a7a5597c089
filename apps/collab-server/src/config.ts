/** collab-server settings from the environment; every variable is in the README. */
export interface CollabConfig {
  port: number;
  host: string;
  /** Browser origins allowed to open sockets (the web app's). */
  webOrigins: string[];
  /** How long a worker may take to answer one frame before it fails. */
  renderTimeoutMs: number;
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): CollabConfig {
  const webPort = integer(env.PORT, 3000, "PORT");
  return {
    port: integer(env.COLLAB_PORT, 3001, "COLLAB_PORT"),
    host: env.UMBRA_HOST ?? "0.0.0.0",
    webOrigins: env.UMBRA_WEB_ORIGINS
      ? env.UMBRA_WEB_ORIGINS.split(",").map((o) => o.trim()).filter(Boolean)
      : [`http://localhost:${webPort}`, `http://127.0.0.1:${webPort}`],
    renderTimeoutMs: integer(env.UMBRA_RENDER_TIMEOUT_MS, 10_000, "UMBRA_RENDER_TIMEOUT_MS"),
  };
}
