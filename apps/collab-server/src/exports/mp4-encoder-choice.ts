import { execFile } from "node:child_process";
import { access, constants } from "node:fs/promises";
import { delimiter, join } from "node:path";
import type { Mp4Encoder } from "@umbra/protocol";

/** How MP4s are made here: an ffmpeg with libx264, or the built-in WebAssembly encoder. */
export type Mp4EncoderChoice = (Mp4Encoder & { kind: "ffmpeg"; path: string }) | (Mp4Encoder & { kind: "wasm" });

async function executable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** The configured ffmpeg when set, else the first ffmpeg on PATH. */
async function findFfmpeg(configured: string | undefined, path: string): Promise<string | null> {
  if (configured) return (await executable(configured)) ? configured : null;
  for (const folder of path.split(delimiter).filter(Boolean)) {
    const candidate = join(folder, "ffmpeg");
    if (await executable(candidate)) return candidate;
  }
  return null;
}

function encoderList(ffmpeg: string): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(ffmpeg, ["-hide_banner", "-encoders"], { timeout: 10_000, maxBuffer: 4 * 1024 * 1024 }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
}

/**
 * Checked once at start-up: an ffmpeg (UMBRA_FFMPEG, or the first on PATH) that
 * lists libx264, as Debian's package does; otherwise the WebAssembly encoder, with
 * the reason. UMBRA_FFMPEG=none asks for the WebAssembly encoder.
 */
export async function chooseMp4Encoder(configured: string | undefined, path: string, log: (line: string) => void): Promise<Mp4EncoderChoice> {
  const fallback = (why: string): Mp4EncoderChoice => {
    log(`exports: MP4s use the built-in WebAssembly H.264 encoder (${why}; \`apt-get install ffmpeg\` for faster, better MP4s)`);
    return { kind: "wasm", detail: `built-in H.264 encoder (WebAssembly): ${why}` };
  };
  if (configured === "none") return fallback("UMBRA_FFMPEG=none");
  const ffmpeg = await findFfmpeg(configured, path);
  if (!ffmpeg) return fallback(configured ? `UMBRA_FFMPEG=${configured} is not an executable file` : "no ffmpeg on PATH");
  try {
    if (!/\blibx264\b/.test(await encoderList(ffmpeg))) return fallback(`${ffmpeg} has no libx264 encoder`);
  } catch (error) {
    return fallback(`${ffmpeg} -encoders failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  log(`exports: MP4s use ${ffmpeg} (libx264)`);
  return { kind: "ffmpeg", path: ffmpeg, detail: `ffmpeg with libx264 (${ffmpeg})` };
}
