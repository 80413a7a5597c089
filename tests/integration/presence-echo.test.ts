// Two people's cursors through stock y-websocket providers. Each provider sends on
// every awareness change it hears, the other person's too; the server passes those
// echoes over without a word, while a real claim on another connection's presence is
// still refused, logged once, and counted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import { Awareness, encodeAwarenessUpdate } from "y-protocols/awareness";
import * as Y from "yjs";
import { realtimeTokenSchema, type PresenceState } from "@umbra/protocol";
import { startStack, type Stack } from "../support/stack.js";
import { connectDoc, eventually, presenceRoundTrip, type DocClient } from "../support/yjs-client.js";

const MESSAGE_AWARENESS = 1;

describe("presence between two people", () => {
  let stack: Stack;
  const logs: string[] = [];
  beforeAll(async () => {
    stack = await startStack({ kind: "pglite", withWorker: false, open: true, log: (line) => logs.push(line) });
  });
  afterAll(() => stack?.close());

  it("relays cursors both ways with no refused-presence lines, and logs a real claim once with a count", async () => {
    const room = await stack.api.createRoom("Presence");
    const grant = realtimeTokenSchema.parse(await stack.api.expect(200, "POST", `/api/rooms/${room.id}/token`));
    const user = { id: grant.user.id, name: grant.user.displayName, color: grant.user.color, role: grant.role };
    const [a, b] = [connectDoc(stack.collab.url, room.id, grant.token), connectDoc(stack.collab.url, room.id, grant.token)] as [DocClient, DocClient];
    await Promise.all([a.synced, b.synced]);
    const cursorOf = (viewer: DocClient, of: DocClient) => (viewer.provider.awareness.getStates().get(of.doc.clientID) as PresenceState | undefined)?.cursor?.x;

    for (let i = 1; i <= 40; i++) {
      a.provider.awareness.setLocalState({ user, cursor: { area: "stage", x: i / 40, y: 0.25 } });
      b.provider.awareness.setLocalState({ user, cursor: { area: "timeline", x: 1 - i / 40, y: 0.75 } });
      await new Promise((r) => setTimeout(r, 10));
    }
    await eventually(() => cursorOf(b, a) === 1 && cursorOf(a, b) === 0, "each sees the other's last cursor");
    expect(logs.filter((l) => l.includes("dropped presence"))).toEqual([]);

    // B's connection claims A's client id with newer clocks: refused every time, logged once, counted at close.
    const impostor = new Y.Doc();
    impostor.clientID = a.doc.clientID;
    const forged = new Awareness(impostor);
    const forge = () => forged.setLocalState({ user, cursor: { area: "stage", x: 0.5, y: 0.5 } });
    // Newer than anything A said: a claim, not an echo.
    while (forged.meta.get(impostor.clientID)!.clock <= a.provider.awareness.meta.get(a.doc.clientID)!.clock) forge();
    for (let i = 0; i < 5; i++) {
      forge();
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(forged, [impostor.clientID]));
      b.provider.ws!.send(encoding.toUint8Array(encoder));
    }
    await eventually(() => logs.some((l) => l.includes("dropped presence")), "the server refuses the claim");
    // After B's round trip, B holds whatever the server relayed of its five claims: nothing.
    await presenceRoundTrip(b);
    expect(cursorOf(b, a)).toBe(1);
    expect(logs.filter((l) => l.includes("dropped presence"))).toEqual([expect.stringMatching(/belongs to another connection/)]);
    b.destroy();
    await eventually(() => logs.some((l) => /dropped 5 presence updates in all/.test(l)), "the count is logged when B's connection closes");
    a.destroy();
    forged.destroy();
  });
});
