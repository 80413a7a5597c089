// The browser tests drive Debian's Chromium through playwright-core (never a
// downloaded browser). Installs it with apt when missing and allowed, else says how.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

export const chromiumPath = process.env.UMBRA_CHROMIUM ?? "/usr/bin/chromium";

function main() {
  if (existsSync(chromiumPath)) return;
  const canApt = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (!canApt) {
    console.error(`Chromium is missing at ${chromiumPath}. Install Debian's package (sudo apt-get install -y chromium) or set UMBRA_CHROMIUM to a Chromium binary.`);
    process.exit(1);
  }
  console.log("Installing Debian's chromium for the browser tests…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
}

main();
