// The stock y-websocket provider, as a browser would use it, for tests.
import { WebsocketProvider } from "y-websocket";
import WebSocket from "ws";
import * as Y from "yjs";
import { YJS_TOKEN_PARAM } from "@umbra/protocol";

export interface DocClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves once the first sync with the server completed. */
  synced: Promise<void>;
  /** Resolves with the server's close when it ends the session for good (codes 4400–4499). */
  closed: Promise<{ code: number; reason: string }>;
  destroy(): void;
}

export function yjsServerUrl(collabUrl: string): string {
  return `${collabUrl.replace(/^http/, "ws")}/yjs`;
}

export function connectDoc(collabUrl: string, roomId: string, token: string | undefined): DocClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(yjsServerUrl(collabUrl), roomId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: token === undefined ? {} : { [YJS_TOKEN_PARAM]: token },
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off("sync", onSync);
      resolve();
    };
    provider.on("sync", onSync);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => provider.once("closed", (close) => resolve(close)));
  return {
    doc,
    provider,
    synced,
    closed,
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Waits until `check` holds, polling; fails with `what` after `ms` (generous: a wait, never a speed check). */
export async function eventually(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** y-websocket's message types this barrier speaks: awareness, and the query for everyone's. */
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

/**
 * A barrier on one client's connection: asks the server for everyone's presence and
 * resolves on the next presence message this client receives. The server reads a
 * connection's messages in order and sends on it in order, so once this resolves the
 * client holds every presence message the server sent it in answer to anything that
 * reached the server before the query, from this connection or (after their own
 * barrier) from others. A test asserts after it that nothing else arrived, with no
 * sleep that a slow machine could outrun.
 */
export function presenceRoundTrip(client: DocClient): Promise<void> {
  const ws = client.provider.ws;
  if (!ws) throw new Error("the client is not connected");
  return new Promise<void>((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if (new Uint8Array(event.data as ArrayBuffer)[0] !== MESSAGE_AWARENESS) return;
      ws.removeEventListener("message", onMessage);
      resolve();
    };
    ws.addEventListener("message", onMessage);
    ws.send(Uint8Array.of(MESSAGE_QUERY_AWARENESS));
  });
}
