import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The monorepo root, so Turbopack resolves the workspace packages from one place.
  turbopack: { root: fileURLToPath(new URL("../..", import.meta.url)) },
};

export default config;
