// Directions and style mixing through a real collab-server, a real worker and real
// socket.io clients: an editor gets a keyframe's w and the room model's directions,
// a viewer and a model without a mapping network are refused with reasons, and
// mixed or nudged frames render for the room while a model that cannot mix says so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseBackend, PortraitsGenerator } from "@umbra/gan-worker";
import { DIRECTION_COUNT, decodeLatentBase64, encodeLatentBase64, recipeHash, seedFrameRecipe, type FrameRecipe } from "@umbra/latent";
import { DEFAULT_MODEL, EVENTS, type DirectionsLoadAck, type FrameFailed, type FrameReady, type FrameRequestAck } from "@umbra/protocol";
import { signUp, type ApiClient } from "../support/api.js";
import { emitWithAck, joinedRoomSocket, startStack, type RoomSocket, type Stack } from "../support/stack.js";

/** The next frame:ready or frame:failed for `hash` on `socket`. */
function frameOutcome(socket: RoomSocket, hash: string): Promise<{ ready: FrameReady } | { failed: FrameFailed }> {
  return new Promise((resolve) => {
    socket.on(EVENTS.frameReady, (frame: FrameReady) => frame.hash === hash && resolve({ ready: frame }));
    socket.on(EVENTS.frameFailed, (failure: FrameFailed) => failure.hash === hash && resolve({ failed: failure }));
  });
}

describe("directions and style mixing through the hub", () => {
  let stack: Stack;
  let owner: ApiClient;
  let portraitsRoom: string;
  let cppnRoom: string;
  let socket: RoomSocket;
  let cppnSocket: RoomSocket;
  let viewerSocket: RoomSocket;

  beforeAll(async () => {
    stack = await startStack({ kind: "pglite" });
    owner = await signUp(stack.collab.url, "owner");
    portraitsRoom = (await owner.createRoom("Faces", { model: DEFAULT_MODEL })).id;
    cppnRoom = (await owner.createRoom("Blobs")).id;
    socket = await joinedRoomSocket(stack.collab.url, owner, portraitsRoom);
    cppnSocket = await joinedRoomSocket(stack.collab.url, owner, cppnRoom);
    const viewer = await signUp(stack.collab.url, "viewer");
    const { secret } = await owner.expect(201, "POST", `/api/rooms/${portraitsRoom}/links`, { role: "viewer" });
    await viewer.expect(200, "POST", `/api/invites/${secret}/accept`);
    viewerSocket = await joinedRoomSocket(stack.collab.url, viewer, portraitsRoom);
  });
  afterAll(async () => {
    for (const s of [socket, cppnSocket, viewerSocket]) s?.close();
    await stack?.close();
  });

  it("gives an editor a seed's w and eight directions of the room's model, and a w latent back as it is", async () => {
    const answer = await emitWithAck<DirectionsLoadAck>(socket, EVENTS.directionsLoad, { roomId: portraitsRoom, snapshot: "default", latent: { seed: 5 } });
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.directions).toHaveLength(DIRECTION_COUNT);
    await chooseBackend("wasm", () => {});
    const generator = await PortraitsGenerator.load();
    const [expected] = await generator.mapLatents([seedFrameRecipe(DEFAULT_MODEL, 5, { truncation: 1 })]);
    decodeLatentBase64(answer.w).forEach((v, i) => expect(v).toBeCloseTo(expected![i]!, 5));
    const local = await generator.latentDirections("default");
    answer.directions.forEach((d, i) => expect(Array.from(decodeLatentBase64(d.vector))).toEqual(Array.from(local[i]!.vector)));

    const w = encodeLatentBase64(new Float32Array(128).fill(0.25));
    const again = await emitWithAck<DirectionsLoadAck>(socket, EVENTS.directionsLoad, { roomId: portraitsRoom, snapshot: "default", latent: { w } });
    expect(again).toMatchObject({ ok: true, w });
  });

  it("refuses viewers, a model without a mapping network, unknown snapshots and w of the wrong size, with reasons", async () => {
    const ask = (s: RoomSocket, roomId: string, payload: object) => emitWithAck<DirectionsLoadAck>(s, EVENTS.directionsLoad, { roomId, snapshot: "default", latent: { seed: 1 }, ...payload });
    expect(await ask(viewerSocket, portraitsRoom, {})).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect(await ask(cppnSocket, cppnRoom, {})).toMatchObject({ ok: false, error: { message: expect.stringContaining("has no mapping network") } });
    expect(await ask(socket, portraitsRoom, { snapshot: "kimg-9999" })).toMatchObject({ ok: false, error: { message: expect.stringContaining('no snapshot "kimg-9999"') } });
    expect(await ask(socket, portraitsRoom, { latent: { w: encodeLatentBase64(new Float32Array(7)) } })).toMatchObject({ ok: false, error: { message: expect.stringContaining("7 numbers") } });
    expect(await ask(socket, portraitsRoom, { latent: { w: "not base64!" } })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
  });

  it("renders mixed and nudged frames for the room, and a model that cannot mix fails the frame saying why", async () => {
    const mixed: FrameRecipe = seedFrameRecipe(DEFAULT_MODEL, 3, { fromMix: { latent: { seed: 4 }, layers: "middle" } });
    const viewerHears = frameOutcome(viewerSocket, recipeHash(mixed));
    const asked = await emitWithAck<FrameRequestAck>(socket, EVENTS.frameRequest, { roomId: portraitsRoom, recipe: mixed });
    expect(asked).toEqual({ ok: true, hash: recipeHash(mixed) });
    const heard = await viewerHears;
    expect("ready" in heard && heard.ready.recipe).toEqual(mixed);

    const cppnMixed = seedFrameRecipe("builtin/cppn", 3, { fromMix: { latent: { seed: 4 }, layers: "coarse" }, width: 64, height: 64 });
    const outcome = frameOutcome(cppnSocket, recipeHash(cppnMixed));
    await emitWithAck<FrameRequestAck>(cppnSocket, EVENTS.frameRequest, { roomId: cppnRoom, recipe: cppnMixed });
    const failed = await outcome;
    expect("failed" in failed && failed.failed.error.message).toMatch(/per-layer styles/);
  });
});
