// Driving the studio's React-free room client in process: tokens from the API, and
// waiting on its snapshots as React would hear them.
import { realtimeTokenSchema } from "@umbra/protocol";
import type { FrameStore, ShownFrame } from "../../apps/web/lib/frame-store.js";
import type { TokenFetch } from "../../apps/web/lib/realtime-token.js";
import type { ApiClient } from "./api.js";

/** Realtime tokens for `api` in the room, as the web app hands them out, counted in `counter.tokens`. */
export function tokensFor(api: ApiClient, roomId: string, counter: { tokens: number }): () => Promise<TokenFetch> {
  return async () => {
    counter.tokens++;
    const answer = await api.call("POST", `/api/rooms/${roomId}/token`);
    if (answer.status !== 200) return { ok: false, lostAccess: answer.status === 404, message: `token refused (${answer.status})` };
    return { ok: true, token: realtimeTokenSchema.parse(answer.body) };
  };
}

/** Resolves once the client's snapshot satisfies `check`, at once if it already does. */
export function untilSnapshot<S>(client: { subscribe(listener: () => void): () => void; getSnapshot(): S }, check: (state: S) => boolean): Promise<S> {
  return new Promise((resolve) => {
    if (check(client.getSnapshot())) return resolve(client.getSnapshot());
    const stop = client.subscribe(() => {
      if (!check(client.getSnapshot())) return;
      stop();
      resolve(client.getSnapshot());
    });
  });
}

/** Resolves with the held frame once the browser's frame store has it. */
export function untilHeld(store: FrameStore, hash: string): Promise<ShownFrame> {
  return new Promise((resolve) => {
    const held = store.peek(hash);
    if (held) return resolve(held);
    const stop = store.subscribe(() => {
      const arrived = store.peek(hash);
      if (!arrived) return;
      stop();
      resolve(arrived);
    });
  });
}
