import type { Socket } from "socket.io";
import { EVENTS, type FrameReady } from "@umbra/protocol";

/**
 * Sends room previews so that a slow client skips stale ones yet always ends on the
 * newest: a preview goes out at once when the connection is free; while it is still
 * busy sending, only the newest preview waits (one per connection, replaced by each
 * newer one) and goes out when the connection drains. socket.io's volatile flag
 * would drop it instead, leaving a client on an old frame when no newer one follows.
 */
export class PreviewSender {
  private readonly waiting = new WeakMap<Socket, FrameReady>();

  send(socket: Socket, preview: FrameReady): void {
    const transport = socket.conn.transport;
    const queued = this.waiting.has(socket);
    if (!queued && transport.writable) {
      socket.emit(EVENTS.frameReady, preview);
      return;
    }
    this.waiting.set(socket, preview);
    if (queued) return;
    transport.once("drain", () => {
      const newest = this.waiting.get(socket);
      this.waiting.delete(socket);
      if (newest && socket.connected) socket.emit(EVENTS.frameReady, newest);
    });
  }
}
