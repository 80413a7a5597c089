import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import type { EncoderSettings, ExportFrame, FrameEncoder } from "./frame-encoder.js";

/** The last lines ffmpeg wrote to stderr, for the error a person sees. */
const STDERR_KEPT = 2000;

/**
 * H.264 MP4 through an ffmpeg with libx264: the lossless PNG frames go down its stdin as an
 * image2pipe stream (no temporary files), out comes yuv420p with the index at the
 * front (+faststart), which every player and editor opens.
 */
export class FfmpegMp4Writer implements FrameEncoder {
  readonly name = "mp4 (ffmpeg, libx264)";
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly exited: Promise<[number | null, NodeJS.Signals | null]>;
  private stderr = "";

  constructor(ffmpeg: string, settings: EncoderSettings) {
    const args = [
      "-hide_banner", "-loglevel", "error", "-nostdin",
      "-f", "image2pipe", "-c:v", "png", "-framerate", String(settings.fps), "-i", "pipe:0",
      "-c:v", "libx264", "-preset", "veryfast", "-crf", "17", "-pix_fmt", "yuv420p",
      "-movflags", "+faststart", "-f", "mp4", "-y", settings.path,
    ];
    this.child = spawn(ffmpeg, args, { stdio: ["pipe", "pipe", "pipe"] });
    this.exited = once(this.child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
    // A failed spawn rejects it; add() and finish() report that, so it is not left unhandled meanwhile.
    this.exited.catch(() => undefined);
    this.child.stderr.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-STDERR_KEPT);
    });
    this.child.stdout.resume();
    // A write after ffmpeg died surfaces through exit, below; without a listener it would crash the server.
    this.child.stdin.on("error", () => undefined);
  }

  async add({ image }: ExportFrame): Promise<void> {
    if (this.child.exitCode !== null) throw this.failure();
    if (!this.child.stdin.write(image)) await Promise.race([once(this.child.stdin, "drain"), this.exited]);
  }

  async finish(): Promise<void> {
    this.child.stdin.end();
    const [code] = await this.exited;
    if (code !== 0) throw this.failure();
  }

  async abort(): Promise<void> {
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
    await this.exited;
  }

  private failure(): Error {
    const said = this.stderr.trim().split("\n").slice(-3).join(" / ");
    return new Error(`ffmpeg stopped with exit code ${this.child.exitCode}${said ? `: ${said}` : ""}`);
  }
}
