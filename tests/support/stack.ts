// Starts Umbra's real services for tests and benchmarks: collab-server in-process on a
// free port over a scratch database, and a gan-worker in-process on the wasm backend.
import { openDatabase, type Database } from "@umbra/db";
import { createScratchTarget, type ScratchKind, type ScratchTarget } from "@umbra/db/testing";
import { startCollabServer, type CollabServer } from "@umbra/collab-server";
import { chooseBackend, connectWorker, ModelRegistry, type BackendInfo } from "@umbra/gan-worker";
import { io, type Socket } from "socket.io-client";
import { NAMESPACES, createRoomBodySchema, roomSchema, type Room, type RoomClientToServerEvents, type RoomServerToClientEvents } from "@umbra/protocol";

export interface Stack {
  collab: CollabServer;
  database: Database;
  backend: BackendInfo | null;
  worker: { close(): void } | null;
  close(): Promise<void>;
}

export async function startStack(options: { kind: ScratchKind; withWorker?: boolean; webOrigins?: string[]; log?: (line: string) => void }): Promise<Stack> {
  const log = options.log ?? (() => {});
  const scratch: ScratchTarget = await createScratchTarget(options.kind);
  const database = await openDatabase(scratch.target);
  const collab = await startCollabServer(database, { port: 0, host: "127.0.0.1", webOrigins: options.webOrigins ?? [], renderTimeoutMs: 10_000 }, log);
  let backend: BackendInfo | null = null;
  let worker: { close(): void } | null = null;
  if (options.withWorker !== false) {
    backend = await chooseBackend("wasm", log);
    const registry = new ModelRegistry();
    await registry.warmUp();
    const connected = connectWorker({ hubUrl: collab.url, name: "test-worker", backend, registry, log });
    await connected.ready;
    worker = connected;
  }
  return {
    collab,
    database,
    backend,
    worker,
    close: async () => {
      worker?.close();
      await collab.close();
      await database.close();
      await scratch.dispose();
    },
  };
}

export async function createRoom(baseUrl: string, name: string): Promise<Room> {
  const response = await fetch(new URL("/api/rooms", baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(createRoomBodySchema.parse({ name })),
  });
  if (response.status !== 201) throw new Error(`POST /api/rooms answered ${response.status}: ${await response.text()}`);
  return roomSchema.parse(await response.json());
}

export type RoomSocket = Socket<RoomServerToClientEvents, RoomClientToServerEvents>;

export async function connectRoomSocket(baseUrl: string): Promise<RoomSocket> {
  const socket: RoomSocket = io(new URL(NAMESPACES.rooms, baseUrl).toString(), { transports: ["websocket"], forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}
