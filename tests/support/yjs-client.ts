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
