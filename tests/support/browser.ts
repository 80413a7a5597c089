import { chromium, type Browser } from "playwright-core";
import { SERVICE_TAG_VARIABLE, serviceTag } from "./service-reaper.js";

/** Debian's Chromium, headless, with the flags this sandboxed machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.UMBRA_CHROMIUM ?? "/usr/bin/chromium",
    // Tagged like every service, so a browser a crashed test left open is reaped too.
    env: { ...process.env, [SERVICE_TAG_VARIABLE]: serviceTag() },
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
