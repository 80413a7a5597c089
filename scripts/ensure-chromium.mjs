// The browser tests and the bench drive Debian's Chromium through playwright-core
// (never a downloaded browser). Installs it with apt when missing and allowed, else
// says how. With --if-possible (the bench), a Chromium it cannot install is reported
// and the bench goes on without its browser figures.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromiumPath = process.env.UMBRA_CHROMIUM ?? "/usr/bin/chromium";
const optional = process.argv.includes("--if-possible");

function give(reason) {
  console.error(reason);
  process.exit(optional ? 0 : 1);
}

function main() {
  if (existsSync(chromiumPath)) return;
  const canApt = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
  if (!canApt) give(`Chromium is missing at ${chromiumPath}. Install Debian's package (sudo apt-get install -y chromium) or set UMBRA_CHROMIUM to a Chromium binary.`);
  console.log("Installing Debian's chromium for the browser tests…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env });
  } catch (error) {
    give(`Installing Debian's chromium failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
}

main();
