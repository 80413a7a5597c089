// Exports of 300 frames at 256² of the built-in model, each of fresh frames (a chain of
// its own), with the worker in its own process as in production; and the generator
// alone on the same frames, for the export's overhead over rendering.
import { RoomDoc, frameRecipeAt } from "@umbra/doc";
import { CppnGenerator } from "@umbra/gan-worker";
import { EVENTS, type ExportFormat } from "@umbra/protocol";
import { exportUntilEnded } from "../tests/support/export-job.js";
import { connectRoomSocket, startStack } from "../tests/support/stack.js";
import { connectDoc } from "../tests/support/yjs-client.js";
import { GENERATOR_BATCH } from "./generator-speed.js";

export const EXPORT_FRAMES = 300;
export const EXPORT_SIZE = 256;
export interface ExportFigures {
  /** Seconds from asking to the finished file, by format. */
  seconds: Partial<Record<ExportFormat, number>>;
  /** The generator alone, in the worker's batches, on the AVI export's frames. */
  generatorSeconds: number;
  mp4Encoder: string;
}

/** Exports each format in turn; `ffmpeg: "none"` measures the built-in MP4 encoder. */
export async function measureExports(formats: readonly ExportFormat[], ffmpeg?: string): Promise<ExportFigures> {
  const stack = await startStack({ kind: "pglite", withWorker: "process", open: true, ffmpeg });
  const room = await stack.api.createRoom("export bench");
  const writer = connectDoc(stack.collab.url, room.id, await stack.api.realtimeToken(room.id));
  const socket = await connectRoomSocket(stack.collab.url, await stack.api.realtimeToken(room.id));
  try {
    await writer.synced;
    await new Promise((resolve) => socket.emit(EVENTS.roomJoin, { roomId: room.id }, resolve));
    const doc = new RoomDoc(writer.doc);
    const chains = formats.map((format, k) => {
      const chainId = doc.addChain({ name: `bench ${format}`, fps: 24 });
      const first = doc.addKeyframe(chainId, { seed: 1000 + 2 * k })!;
      doc.addKeyframe(chainId, { seed: 1001 + 2 * k });
      doc.setTransition(chainId, first, { frames: EXPORT_FRAMES - 1 });
      return chainId;
    });

    const generator = new CppnGenerator();
    const chain = doc.chain(chains[0]!)!;
    const recipes = Array.from({ length: EXPORT_FRAMES }, (_, i) => frameRecipeAt(chain, i, "builtin/cppn", { width: EXPORT_SIZE, height: EXPORT_SIZE })!);
    await generator.render(recipes.slice(0, 1));
    const generatorStart = performance.now();
    for (let i = 0; i < recipes.length; i += GENERATOR_BATCH) await generator.render(recipes.slice(i, i + GENERATOR_BATCH));
    const generatorSeconds = (performance.now() - generatorStart) / 1000;

    const seconds: ExportFigures["seconds"] = {};
    let mp4Encoder = "";
    for (const [k, format] of formats.entries()) {
      const started = performance.now();
      const job = await exportUntilEnded(socket, { chainId: chains[k]!, format, size: EXPORT_SIZE, fps: 24 });
      if (job.status !== "done") throw new Error(`the ${format} export ended ${job.status}: ${job.error}`);
      seconds[format] = (performance.now() - started) / 1000;
      if (format === "mp4") mp4Encoder = job.encoder ?? "";
    }
    return { seconds, generatorSeconds, mp4Encoder };
  } finally {
    socket.close();
    writer.destroy();
    await stack.close();
  }
}
