import { EventEmitter } from "node:events";
import type { Socket } from "socket.io";
import { describe, expect, it } from "vitest";
import type { FrameReady } from "@umbra/protocol";
import { PreviewSender } from "./preview-sender.js";

/** The parts of a socket.io socket PreviewSender uses: its engine transport, and emit. */
function connection() {
  const transport = Object.assign(new EventEmitter(), { writable: true });
  const sent: string[] = [];
  const socket = { conn: { transport }, connected: true, emit: (_event: string, frame: FrameReady) => sent.push(frame.hash) };
  return { socket: socket as unknown as Socket, transport, sent };
}
const preview = (hash: string) => ({ hash }) as FrameReady;

describe("PreviewSender", () => {
  it("sends at once to a free connection, and only the newest waiting preview once a busy one drains", () => {
    const sender = new PreviewSender();
    const { socket, transport, sent } = connection();
    sender.send(socket, preview("a"));
    expect(sent).toEqual(["a"]);
    transport.writable = false;
    for (const hash of ["b", "c", "d"]) sender.send(socket, preview(hash));
    expect(sent).toEqual(["a"]);
    transport.emit("drain");
    expect(sent).toEqual(["a", "d"]);
    // Drained and free again: straight through.
    transport.writable = true;
    sender.send(socket, preview("e"));
    expect(sent).toEqual(["a", "d", "e"]);
  });

  it("keeps previews of different connections apart", () => {
    const sender = new PreviewSender();
    const [slow, fast] = [connection(), connection()];
    slow.transport.writable = false;
    sender.send(slow.socket, preview("x"));
    sender.send(fast.socket, preview("x"));
    sender.send(fast.socket, preview("y"));
    expect(fast.sent).toEqual(["x", "y"]);
    slow.transport.emit("drain");
    expect(slow.sent).toEqual(["x"]);
  });
});
