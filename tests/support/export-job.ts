// Starting an export over a room socket and waiting for it to end, as the studio does.
import { EVENTS, type ExportJob, type ExportSettingsInput } from "@umbra/protocol";
import type { RoomSocket } from "./stack.js";

/** Starts an export on `socket` (joined to its room) and resolves with the job once it ended, whatever its end; a refusal throws, saying why. */
export async function exportUntilEnded(socket: RoomSocket, settings: ExportSettingsInput): Promise<ExportJob> {
  const ended = new Promise<ExportJob>((resolve) => {
    const onUpdate = (job: ExportJob) => {
      if (job.status === "queued" || job.status === "running") return;
      socket.off(EVENTS.exportUpdated, onUpdate);
      resolve(job);
    };
    socket.on(EVENTS.exportUpdated, onUpdate);
  });
  const answer = await new Promise<{ ok: boolean; error?: { message: string } }>((resolve) => socket.emit(EVENTS.exportStart, { settings }, resolve));
  if (!answer.ok) throw new Error(`the ${settings.format} export was refused: ${answer.error?.message}`);
  return ended;
}
