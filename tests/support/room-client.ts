// Driving the studio's React-free room client in process: a room of its own, tokens
// from the API, and waiting on its snapshots as React would hear them.
import { afterAll, beforeAll } from "vitest";
import { realtimeTokenSchema } from "@umbra/protocol";
import type { FrameStore, ShownFrame } from "../../apps/web/lib/frame-store.js";
import type { TokenFetch } from "../../apps/web/lib/realtime-token.js";
import { signUp, type ApiClient } from "./api.js";
import { startStack, type Stack, type StackOptions } from "./stack.js";

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

/** A room of its own for a file of in-process tests: a stack, its owner, and the connections the tests open. */
export interface OwnedRoom {
  stack: Stack;
  owner: ApiClient;
  roomId: string;
}

/**
 * Starts a stack with an owner and one room named `name` before the file's tests, and
 * closes every connection they kept in `opened`, then the stack, after them. `get()`
 * is the room, once started.
 */
export function ownedRoom(name: string, options: Partial<StackOptions> = {}): { get(): OwnedRoom; opened: { close(): void }[] } {
  let room: OwnedRoom | undefined;
  const opened: { close(): void }[] = [];
  beforeAll(async () => {
    const stack = await startStack({ kind: "pglite", ...options });
    const owner = await signUp(stack.collab.url, "owner");
    room = { stack, owner, roomId: (await owner.createRoom(name)).id };
  });
  afterAll(async () => {
    for (const connection of opened) connection.close();
    await room?.stack.close();
  });
  return {
    get: () => {
      if (!room) throw new Error(`the room "${name}" has not started: ask for it inside a test`);
      return room;
    },
    opened,
  };
}
