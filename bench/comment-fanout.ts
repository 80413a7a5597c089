// Comment fan-out: one person creates notes, twenty others in the room each record when
// the thread reaches them. collab-server runs in its own process, as in production.
import { createScratchTarget, type ScratchKind } from "@umbra/db/testing";
import { seedFrameRecipe } from "@umbra/latent";
import { EVENTS, type Thread } from "@umbra/protocol";
import { ApiClient } from "../tests/support/api.js";
import { startCollabProcess } from "../tests/support/collab-process.js";
import { connectRoomSocket, type RoomSocket } from "../tests/support/stack.js";
import { freePort } from "../tests/support/web-server.js";
import { percentile } from "./bench-results.js";

export const LISTENERS = 20;
export const NOTES = 60;
/** Under the per-connection allowance of 5 note changes per second. */
const NOTES_PER_SECOND = 4;
const THUMBNAIL = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQ==";

export async function measureCommentFanout(kind: ScratchKind): Promise<{ p50: number; p99: number; receipts: number }> {
  const scratch = await createScratchTarget(kind);
  const port = await freePort();
  const server = await startCollabProcess(scratch, port);
  const sockets: RoomSocket[] = [];
  try {
    const url = `http://127.0.0.1:${port}`;
    const api = new ApiClient(url);
    const roomId = (await api.createRoom("comment fan-out")).id;
    for (let i = 0; i <= LISTENERS; i++) {
      const socket = await connectRoomSocket(url, await api.realtimeToken(roomId));
      await new Promise((resolve) => socket.emit(EVENTS.roomJoin, { roomId }, resolve));
      sockets.push(socket);
    }
    const [writer, ...listeners] = sockets as [RoomSocket, ...RoomSocket[]];
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    for (const listener of listeners) {
      listener.on(EVENTS.threadUpdated, (thread: Thread) => {
        const sent = sentAt.get(thread.comments[0]?.body ?? "");
        if (sent !== undefined) latencies.push(performance.now() - sent);
      });
    }
    const note = (n: number) => ({
      anchor: { kind: "keyframe", chainId: "c", keyframeId: "k" },
      recipe: seedFrameRecipe("builtin/cppn", n),
      thumbnail: THUMBNAIL,
      body: `note ${n}`,
    });
    for (let n = 0; n < NOTES; n++) {
      sentAt.set(`note ${n}`, performance.now());
      writer.emit(EVENTS.threadCreate, note(n), () => {});
      await new Promise((resolve) => setTimeout(resolve, 1000 / NOTES_PER_SECOND));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // The first notes warm up the server's paths; they are outside the figures.
    return { p50: percentile(latencies.slice(LISTENERS * 5), 50), p99: percentile(latencies.slice(LISTENERS * 5), 99), receipts: latencies.length - LISTENERS * 5 };
  } finally {
    for (const socket of sockets) socket.close();
    await server.stop();
    await scratch.dispose();
  }
}
