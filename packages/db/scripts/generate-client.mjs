// Runs `prisma generate` for prisma/schema.prisma without network access.
// The Prisma CLI looks for a native schema engine at start-up and would download one;
// generating the client needs no engine, so any existing file satisfies the check.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
const run = spawnSync(process.execPath, [cli, "generate", "--config", "prisma.config.ts"], { cwd: root, env, stdio: "inherit" });
process.exit(run.status ?? 1);
