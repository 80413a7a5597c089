// User models from a models folder: fixture LayersModels and a hand-written GraphModel
// loaded from disk (no tfjs-node), rendered deterministically, snapshots switched,
// truncation toward the mean, clear errors for broken folders, and frames through the hub.
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeLatentBase64, latentFromSeed, recipeHash, seedFrameRecipe } from "@umbra/latent";
import { chooseBackend, connectWorker, ModelRegistry } from "@umbra/gan-worker";
import { EVENTS, type FrameReady, type FrameRequestAck, type RoomJoinAck, type WorkersStatus } from "@umbra/protocol";
import { FIXTURE_LATENT, FIXTURE_SIZE, writeGraphFixture, writeLayersFixture, writeMappingFixture } from "../support/model-fixtures.js";
import { TEST_WORKER_SECRET, connectRoomSocket, startStack } from "../support/stack.js";

const frame = (model: string, seed: number, overrides: Parameters<typeof seedFrameRecipe>[2] = {}) =>
  seedFrameRecipe(model, seed, { width: FIXTURE_SIZE, height: FIXTURE_SIZE, ...overrides });
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe("user models from a folder", () => {
  let dir: string;
  let registry: ModelRegistry;
  let graphWeights: Float32Array;
  const logs: string[] = [];

  beforeAll(async () => {
    await chooseBackend("wasm", () => {});
    dir = await mkdtemp(join(tmpdir(), "umbra-models-"));
    await writeLayersFixture(join(dir, "faces"));
    graphWeights = await writeGraphFixture(join(dir, "graph"));
    await writeMappingFixture(join(dir, "styled"), false);
    await writeMappingFixture(join(dir, "styled-zero-mean"), true);
    // Broken folders: each is skipped with its reason, the rest still load.
    await mkdir(join(dir, "escapes"));
    await writeFile(join(dir, "escapes", "umbra-model.json"), JSON.stringify({ format: "layers", latentSize: 8, input: "z", output: "image", layout: "NCHW", range: [-1, 1], snapshots: [{ name: "x", generator: "../faces/early/model.json" }] }));
    await mkdir(join(dir, "not-json"));
    await writeFile(join(dir, "not-json", "umbra-model.json"), "{ format: layers");
    await mkdir(join(dir, "no-manifest"));
    registry = await ModelRegistry.withModelsFrom(dir, (line) => logs.push(line));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("lists the built-in models and every valid folder, and says why it skipped the others", () => {
    expect(registry.describe()).toEqual([
      { id: "builtin/portraits", latentSize: 128, wSize: 128, snapshots: expect.arrayContaining(["default"]), styleLayers: [4, 8, 8, 16, 16, 32, 32, 64, 64, 64], styleGroups: expect.objectContaining({ coarse: "skin tone" }), directions: true },
      { id: "builtin/cppn", latentSize: 512, snapshots: ["default", "alt-a", "alt-b"] },
      { id: "user/faces", latentSize: FIXTURE_LATENT, snapshots: ["early", "late"] },
      { id: "user/graph", latentSize: FIXTURE_LATENT, snapshots: ["g1"] },
      { id: "user/styled", latentSize: FIXTURE_LATENT, snapshots: ["v1"] },
      { id: "user/styled-zero-mean", latentSize: FIXTURE_LATENT, snapshots: ["v1"] },
    ]);
    expect(logs.find((l) => l.includes("escapes"))).toMatch(/snapshots\.0\.generator: must be a path inside the model folder/);
    expect(logs.find((l) => l.includes("not-json"))).toMatch(/cannot read .*umbra-model\.json/);
    expect(logs.some((l) => l.includes("no-manifest"))).toBe(false);
  });

  it("renders a LayersModel deterministically, and each snapshot with its own weights", async () => {
    const faces = registry.get("user/faces");
    const [early] = await faces.render([frame("user/faces", 3, { snapshot: "early" })]);
    const [again] = await (await ModelRegistry.withModelsFrom(dir, () => {})).get("user/faces").render([frame("user/faces", 3, { snapshot: "early" })]);
    expect(same(early!.pixels, again!.pixels)).toBe(true);
    const [late] = await faces.render([frame("user/faces", 3, { snapshot: "late" })]);
    expect(same(early!.pixels, late!.pixels)).toBe(false);
    // Back to the first snapshot: the same pixels as before.
    const [back] = await faces.render([frame("user/faces", 3, { snapshot: "early" })]);
    expect(same(early!.pixels, back!.pixels)).toBe(true);
    // Other sizes are resized from the model's own.
    const [large] = await faces.render([frame("user/faces", 3, { snapshot: "early", width: 64, height: 48 })]);
    expect([large!.width, large!.height, large!.pixels.length]).toEqual([64, 48, 64 * 48 * 3]);
    await expect(faces.render([frame("user/faces", 3, { snapshot: "final" })])).rejects.toThrow(/no snapshot "final" \(it has early, late\)/);
  });

  it("renders the hand-written GraphModel to the pixels computed here", async () => {
    const seed = 12;
    const psi = 0.7;
    const [image] = await registry.get("user/graph").render([frame("user/graph", seed, { snapshot: "g1", truncation: psi })]);
    const z = latentFromSeed(seed, FIXTURE_LATENT).map((v) => v * psi); // mean z is 0
    const pixels = FIXTURE_SIZE * FIXTURE_SIZE * 3;
    let off = 0;
    for (let p = 0; p < pixels; p++) {
      let sum = 0;
      for (let i = 0; i < FIXTURE_LATENT; i++) sum += z[i]! * graphWeights[i * pixels + p]!;
      const expected = Math.round(255 / (1 + Math.exp(-sum)));
      const diff = Math.abs(image!.pixels[p]! - expected);
      expect(diff, `pixel value ${p}`).toBeLessThanOrEqual(1);
      off += diff;
    }
    expect(off / pixels).toBeLessThan(0.05); // almost all exact; float32 rounding may move a few by one
  });

  it("truncates in w-space with a mapping network: ψ = 0 gives the mean w's image for every seed", async () => {
    const styled = registry.get("user/styled");
    const [a0, b0] = await styled.render([frame("user/styled", 1, { snapshot: "v1", truncation: 0 }), frame("user/styled", 2, { snapshot: "v1", truncation: 0 })]);
    expect(same(a0!.pixels, b0!.pixels)).toBe(true);
    const [a1, b1] = await styled.render([frame("user/styled", 1, { snapshot: "v1", truncation: 1 }), frame("user/styled", 2, { snapshot: "v1", truncation: 1 })]);
    expect(same(a1!.pixels, b1!.pixels)).toBe(false);
    // A shipped mean w of zeros: synthesis(0) = tanh(0) = mid-gray, 127.5 rounded up.
    const [gray] = await registry.get("user/styled-zero-mean").render([frame("user/styled-zero-mean", 9, { snapshot: "v1", truncation: 0 })]);
    expect(new Set(gray!.pixels)).toEqual(new Set([128]));
  });

  it("gives each frame's w with a mapping network (ψ pulls it to the mean w), and none without one", async () => {
    const zeroMean = registry.get("user/styled-zero-mean");
    const [half, full] = await zeroMean.mapLatents!([frame("user/styled-zero-mean", 4, { snapshot: "v1", truncation: 0.5 }), frame("user/styled-zero-mean", 4, { snapshot: "v1", truncation: 1 })]);
    expect(zeroMean.wSize).toBe(FIXTURE_LATENT);
    expect(full).toHaveLength(FIXTURE_LATENT);
    // The mean w is zero: ψ 0.5 halves w.
    full!.forEach((v, i) => expect(half![i]).toBeCloseTo(v / 2, 5));
    await expect(registry.get("user/faces").mapLatents!([frame("user/faces", 4, { snapshot: "early" })])).rejects.toThrow(/no mapping network/);
  });

  it("takes w latents past a user model's mapping network, finds its directions, and refuses style mixes, saying why", async () => {
    const styled = registry.get("user/styled");
    const [w] = await styled.mapLatents!([frame("user/styled", 6, { snapshot: "v1", truncation: 1 })]);
    const asW = { w: encodeLatentBase64(w!) };
    const [fromSeed, fromW] = await styled.render([frame("user/styled", 6, { snapshot: "v1" }), frame("user/styled", 0, { snapshot: "v1", from: asW, to: asW })]);
    const worst = fromSeed!.pixels.reduce((most, v, i) => Math.max(most, Math.abs(v - fromW!.pixels[i]!)), 0);
    expect(worst).toBeLessThanOrEqual(1);
    const directions = await styled.latentDirections!("v1");
    expect(directions).toHaveLength(8);
    for (let i = 1; i < directions.length; i++) expect(directions[i]!.sigma).toBeLessThanOrEqual(directions[i - 1]!.sigma);
    expect(registry.describe().find((m) => m.id === "user/styled")).toMatchObject({ wSize: FIXTURE_LATENT, directions: true });
    await expect(styled.render([frame("user/styled", 6, { snapshot: "v1", fromMix: { latent: { seed: 2 }, layers: "coarse" } })])).rejects.toThrow(/per-layer styles; user\/styled takes one w/);
    await expect(registry.get("user/faces").render([frame("user/faces", 0, { snapshot: "early", from: asW })])).rejects.toThrow(/mapping network/);
    await expect(registry.get("user/faces").latentDirections!("early")).rejects.toThrow(/no mapping network/);
  });

  it("renders a user model's frames through the hub, switching snapshots per request, and tells every room while a snapshot loads", async () => {
    const stack = await startStack({ kind: "pglite", withWorker: false, open: true });
    const backend = await chooseBackend("wasm", () => {});
    // A fresh registry: no snapshot loaded yet.
    const fresh = await ModelRegistry.withModelsFrom(dir, () => {});
    const worker = connectWorker({ hubUrl: stack.collab.url, secret: TEST_WORKER_SECRET, name: "models", backend, registry: fresh, log: () => {} });
    try {
      await worker.ready;
      const room = await stack.api.createRoom("Our faces", { model: "user/faces" });
      expect(room.model).toBe("user/faces");
      const socket = await connectRoomSocket(stack.collab.url, await stack.api.realtimeToken(room.id));
      const joined = await new Promise<RoomJoinAck>((resolve) => socket.emit(EVENTS.roomJoin, { roomId: room.id }, resolve));
      expect(joined.ok && joined.workers[0]!.models.map((m) => m.id)).toContain("user/faces");
      const frames = new Map<string, FrameReady>();
      socket.on(EVENTS.frameReady, (f: FrameReady) => frames.set(f.hash, f));
      // Each status lists every snapshot loading at that moment. Both may load at once:
      // the hub can hand the worker the second preview while the first still loads.
      const loading: string[][] = [];
      socket.on(EVENTS.workersStatus, (s: WorkersStatus) => loading.push(s.workers[0]!.loading.map((l) => `${l.model}:${l.snapshot}`)));
      const recipes = ["early", "late"].map((snapshot) => frame("user/faces", 5, { snapshot, width: 64, height: 64 }));
      for (const recipe of recipes) {
        const ack = await new Promise<FrameRequestAck>((resolve) => socket.emit(EVENTS.frameRequest, { roomId: room.id, recipe }, resolve));
        expect(ack).toEqual({ ok: true, hash: recipeHash(recipe) });
      }
      await expect.poll(() => frames.size, { timeout: 10_000 }).toBe(2);
      const [early, late] = recipes.map((r) => frames.get(recipeHash(r))!);
      expect([early!.width, early!.height]).toEqual([64, 64]);
      expect(Buffer.from(early!.bytes as Uint8Array).equals(Buffer.from(late!.bytes as Uint8Array))).toBe(false);
      // Each snapshot was announced while it loaded, and the news ended with nothing loading.
      await expect.poll(() => loading.at(-1)).toEqual([]);
      expect(new Set(loading.flat())).toEqual(new Set(["user/faces:early", "user/faces:late"]));
      socket.close();
    } finally {
      worker.close();
      await stack.close();
    }
  });
});
