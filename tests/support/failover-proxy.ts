// A small TCP load balancer for tests, like nginx's stream proxy with a backup server:
// each new connection goes to the first backend that accepts it, so while the first
// server is up everyone lands there, and once it is gone they reconnect to the next.
import { connect, createServer, type Socket } from "node:net";

export interface FailoverProxy {
  url: string;
  /** The backend port each accepted connection went to, in order. */
  readonly landed: number[];
  close(): Promise<void>;
}

export async function startFailoverProxy(backendPorts: readonly number[]): Promise<FailoverProxy> {
  const landed: number[] = [];
  const open = new Set<Socket>();
  const track = (socket: Socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
  };
  const server = createServer((client) => {
    track(client);
    client.pause();
    const tryBackend = (index: number) => {
      if (index >= backendPorts.length || client.destroyed) return client.destroy();
      const upstream = connect(backendPorts[index]!, "127.0.0.1");
      upstream.once("error", () => tryBackend(index + 1));
      upstream.once("connect", () => {
        track(upstream);
        landed.push(backendPorts[index]!);
        upstream.removeAllListeners("error");
        // Either side ending ends the other, as a dying server's connections do.
        upstream.on("error", () => client.destroy());
        client.on("error", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
        client.on("close", () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryBackend(0);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    landed,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
