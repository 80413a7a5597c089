import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

/** Headers on every response; the CSP, which needs a per-request nonce, is set in proxy.ts. */
const SECURITY_HEADERS = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Invitation links carry their secret in the path: never send it on as a referrer.
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
];

const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The monorepo root, so Turbopack resolves the workspace packages from one place.
  turbopack: { root: fileURLToPath(new URL("../..", import.meta.url)) },
  headers: async () => [{ source: "/:path*", headers: SECURITY_HEADERS }],
};

export default config;
