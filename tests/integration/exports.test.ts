// Exports over real socket.io clients and HTTP, rendered by a real worker, on PGlite and
// (with TEST_DATABASE_URL) Postgres: each format read back by an independent reader
// (our RIFF reader, ffprobe, sharp, unzip), ranges, who may do what, bad requests,
// cancel, a stop mid-export, and frames shared through the cache.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchTarget, scratchKinds, type ScratchTarget } from "@umbra/db/testing";
import { RoomDoc, frameRecipeAt } from "@umbra/doc";
import { chooseBackend, PortraitsGenerator } from "@umbra/gan-worker";
import { readNpy, recipeHash, seedFrameRecipe, type FrameRecipe } from "@umbra/latent";
import { DEFAULT_MODEL, EVENTS, type ErrorInfo, type ExportJob, type ExportSettingsInput, type Role } from "@umbra/protocol";
import { ApiClient, signUp } from "../support/api.js";
import { readAvi } from "../support/avi-reader.js";
import { startCollabProcess } from "../support/collab-process.js";
import { freePort } from "../support/web-server.js";
import { startWorkerProcess } from "../support/worker-process.js";
import { emitWithAck, joinedRoomSocket, startStack, type RoomSocket, type Stack } from "../support/stack.js";
import { connectDoc } from "../support/yjs-client.js";

const MODEL = "builtin/cppn";
const SIZE = 64;
const FPS = 12;
const hasFfprobe = spawnSync("ffprobe", ["-version"]).status === 0;

interface Answer {
  ok: boolean;
  export: ExportJob;
  exports: ExportJob[];
  mp4Encoder: { kind: string; detail: string };
  error: ErrorInfo;
}

interface Person {
  api: ApiClient;
  socket: RoomSocket;
  emit(event: string, payload: unknown): Promise<Answer>;
  heard: ExportJob[];
}

function ffprobe(file: Buffer): { codec_name: string; nb_read_frames: string; r_frame_rate: string; pix_fmt: string; width: number } {
  const path = join(mkdtempSync(join(tmpdir(), "umbra-probe-")), "video");
  writeFileSync(path, file);
  const out = execFileSync("ffprobe", ["-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=codec_name,nb_read_frames,r_frame_rate,pix_fmt,width", "-of", "json", path]);
  return JSON.parse(out.toString()).streams[0];
}

/** Top-level MP4 boxes in order: the index (moov) must come before the media (mdat). */
function mp4Boxes(file: Buffer): string[] {
  const boxes: string[] = [];
  for (let at = 0; at + 8 <= file.length; ) {
    const size = file.readUInt32BE(at);
    boxes.push(file.toString("latin1", at + 4, at + 8));
    if (size < 8) break;
    at += size;
  }
  return boxes;
}

/** A room with a chain of 17 frames (three keyframes, 8 frames between each), owned by `owner`. */
async function startRoom(url: string, owner: ApiClient) {
  const roomId = (await owner.createRoom("Exports")).id;
  const writer = connectDoc(url, roomId, await owner.realtimeToken(roomId));
  await writer.synced;
  const doc = new RoomDoc(writer.doc);
  const chainId = doc.addChain({ name: "Walk ../cycle", fps: 24 });
  const ids = [11, 12, 13].map((seed) => doc.addKeyframe(chainId, { seed })!);
  for (const id of ids.slice(0, 2)) doc.setTransition(chainId, id, { frames: 8 });
  const chain = doc.chain(chainId)!;
  return { owner, roomId, chainId, chain, writer };
}

describe.each(scratchKinds())("exports on %s", (kind) => {
  let scratch: ScratchTarget;
  let stack: Stack;
  let roomId: string;
  let chainId: string;
  let recipesOf: (settings: { view?: "color" | "shadows"; range?: { in: number; out: number } }) => FrameRecipe[];
  let closeWriter: () => void;
  const people = new Map<Role, Person>();
  const sockets: RoomSocket[] = [];

  async function enter(api: ApiClient): Promise<Person> {
    const socket = await joinedRoomSocket(stack.collab.url, api, roomId);
    sockets.push(socket);
    const person: Person = { api, socket, emit: (event, payload) => emitWithAck(socket, event, payload), heard: [] };
    socket.on(EVENTS.exportUpdated, (job) => person.heard.push(job));
    return person;
  }
  const who = (role: Role) => people.get(role)!;

  /** Starts an export as the editor and waits until the viewer hears it end. */
  async function exportAndWait(settings: Partial<ExportSettingsInput>): Promise<ExportJob> {
    const started = await who("editor").emit(EVENTS.exportStart, { settings: { chainId, size: SIZE, fps: FPS, ...settings } });
    expect(started.error).toBeUndefined();
    return waitFor(started.export.id, (job) => !["queued", "running"].includes(job.status));
  }

  async function waitFor(id: string, done: (job: ExportJob) => boolean): Promise<ExportJob> {
    const viewer = who("viewer");
    for (;;) {
      const seen = viewer.heard.filter((j) => j.id === id).find(done);
      if (seen) return seen;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const download = (id: string, headers: Record<string, string> = {}) => who("viewer").api.download(`/api/rooms/${roomId}/exports/${id}/file`, headers);

  /** The encoded frames the room would render for these recipes (JPEG, or PNG where asked), one by one as the studio asks. */
  async function renderedFrames(recipes: FrameRecipe[]): Promise<Buffer[]> {
    const socket = who("owner").socket;
    const frames = new Map<string, Buffer>();
    const onFrame = (frame: { hash: string; bytes: ArrayBuffer | Uint8Array }) => frames.set(frame.hash, Buffer.from(frame.bytes as Uint8Array));
    socket.on(EVENTS.frameReady, onFrame);
    for (const recipe of recipes) {
      const ack = await new Promise<{ ok: boolean }>((resolve) => socket.emit(EVENTS.frameRequest, { roomId, recipe, audience: "me" }, resolve));
      expect(ack.ok).toBe(true);
    }
    while (recipes.some((r) => !frames.has(recipeHash(r)))) await new Promise((resolve) => setTimeout(resolve, 20));
    socket.off(EVENTS.frameReady, onFrame);
    return recipes.map((r) => frames.get(recipeHash(r))!);
  }

  beforeAll(async () => {
    scratch = await createScratchTarget(kind);
    stack = await startStack({ kind, scratch });
    const room = await startRoom(stack.collab.url, await signUp(stack.collab.url, "owner"));
    ({ roomId, chainId } = room);
    closeWriter = () => room.writer.destroy();
    recipesOf = ({ view = "color", range = { in: 0, out: 16 } }) => {
      const recipes = [];
      for (let i = range.in; i <= range.out; i++) recipes.push(frameRecipeAt(room.chain, i, MODEL, { width: SIZE, height: SIZE, view })!);
      return recipes;
    };
    for (const role of ["editor", "viewer"] as const) {
      const api = await signUp(stack.collab.url, role);
      const { secret } = await room.owner.expect(201, "POST", `/api/rooms/${roomId}/links`, { role });
      await api.expect(200, "POST", `/api/invites/${secret}/accept`);
      people.set(role, await enter(api));
    }
    people.set("owner", await enter(room.owner));
  });
  afterAll(async () => {
    closeWriter?.();
    for (const socket of sockets) socket.close();
    await stack?.close();
    await scratch?.dispose();
  });

  it("writes a Motion-JPEG AVI whose frames are the rendered JPEGs, byte for byte, with range downloads", async () => {
    const job = await exportAndWait({ format: "avi" });
    expect(job).toMatchObject({ status: "done", frames: 17, framesDone: 17, fileName: "Walk_._cycle_64px_12fps.avi", startedAt: expect.any(String) });
    // The viewer heard it queue, run and finish, in that order.
    const statuses = who("viewer").heard.filter((j) => j.id === job.id).map((j) => j.status);
    expect(statuses[0]).toBe("queued");
    expect(statuses.at(-1)).toBe("done");
    const file = await download(job.id);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("video/x-msvideo");
    expect(file.headers.get("content-disposition")).toContain("attachment");
    expect(file.bytes.length).toBe(job.bytes);
    const avi = readAvi(file.bytes);
    expect(avi).toMatchObject({ totalFrames: 17, width: SIZE, height: SIZE, fps: FPS, handler: "MJPG", microSecondsPerFrame: Math.round(1e6 / FPS) });
    expect(avi.index).toHaveLength(17);
    const expected = await renderedFrames(recipesOf({}));
    expect(avi.frames.map((frame, i) => frame.equals(expected[i]!))).toEqual(expected.map(() => true));
    if (hasFfprobe) expect(ffprobe(file.bytes)).toMatchObject({ codec_name: "mjpeg", nb_read_frames: "17", r_frame_rate: `${FPS}/1` });

    const part = await download(job.id, { range: "bytes=100-199" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${job.bytes}`);
    expect(part.bytes.equals(file.bytes.subarray(100, 200))).toBe(true);
    const tail = await download(job.id, { range: "bytes=-10" });
    expect(tail.bytes.equals(file.bytes.subarray(-10))).toBe(true);
    expect((await download(job.id, { range: `bytes=${job.bytes}-` })).status).toBe(416);
  });

  it("writes a ZIP of lossless PNGs, the worker's own, named by the room's frame numbers, with every recipe", async () => {
    const job = await exportAndWait({ format: "png-zip", view: "shadows", range: { in: 3, out: 12 } });
    expect(job.status).toBe("done");
    // Chain indices 3–12 are frames 4–13 as the room counts them (from 1, the default).
    expect(job.fileName).toBe("Walk_._cycle_f4-13_shadows_64px_12fps.zip");
    const entries = unzipSync(new Uint8Array((await download(job.id)).bytes));
    const names = Object.keys(entries).sort();
    expect(names).toEqual([...Array.from({ length: 10 }, (_, i) => `frame_${String(i + 4).padStart(5, "0")}.png`), "recipes.json"]);
    const recipes = recipesOf({ view: "shadows", range: { in: 3, out: 12 } }).map((r) => ({ ...r, encoding: "png" as const }));
    const sidecar = JSON.parse(Buffer.from(entries["recipes.json"]!).toString());
    expect(sidecar.frames.map((f: { frame: number; file: string }) => [f.frame, f.file])).toEqual(names.slice(0, 10).map((name, i) => [i + 4, name]));
    expect(sidecar.frames.map((f: { hash: string }) => f.hash)).toEqual(recipes.map(recipeHash));
    // Byte for byte the PNG a worker renders for that recipe: never through a JPEG.
    const pngs = await renderedFrames(recipes);
    for (const [i, png] of pngs.entries()) {
      expect((await sharp(png).metadata()).format).toBe("png");
      expect(Buffer.from(entries[names[i]!]!).equals(png)).toBe(true);
    }
  });

  it("writes animated GIF and WebP with every frame, lasting as long as the chain at its frame rate", async () => {
    const sum = (delays: number[] | undefined) => (delays ?? []).reduce((a, b) => a + b, 0);
    const gif = await exportAndWait({ format: "gif" });
    const gifMeta = await sharp((await download(gif.id)).bytes, { animated: true }).metadata();
    expect(gifMeta).toMatchObject({ format: "gif", pages: 17, width: SIZE, pageHeight: SIZE });
    // GIF counts in hundredths of a second: 8.33 at 12 fps, so 8s and 9s that add up to 17 frames' time.
    expect(new Set(gifMeta.delay)).toEqual(new Set([80, 90]));
    expect(sum(gifMeta.delay)).toBe(Math.round((17 * 100) / FPS) * 10);
    const at24 = await exportAndWait({ format: "gif", fps: 24 });
    const at24Meta = await sharp((await download(at24.id)).bytes, { animated: true }).metadata();
    expect(new Set(at24Meta.delay)).toEqual(new Set([40, 50]));
    expect(sum(at24Meta.delay)).toBe(Math.round((17 * 100) / 24) * 10);
    const webp = await exportAndWait({ format: "webp" });
    const webpMeta = await sharp((await download(webp.id)).bytes, { animated: true }).metadata();
    expect(webpMeta).toMatchObject({ format: "webp", pages: 17, width: SIZE });
    expect(sum(webpMeta.delay)).toBe(Math.round((17 * 1000) / FPS));
  });

  it.runIf(hasFfprobe)("writes an H.264 MP4 (yuv420p, index first) that ffprobe counts frame for frame", async () => {
    const job = await exportAndWait({ format: "mp4" });
    expect(job.status).toBe("done");
    expect(job.encoder).toContain("ffmpeg");
    const file = (await download(job.id)).bytes;
    expect(ffprobe(file)).toMatchObject({ codec_name: "h264", nb_read_frames: "17", r_frame_rate: `${FPS}/1`, pix_fmt: "yuv420p", width: SIZE });
    expect(mp4Boxes(file).indexOf("moov")).toBeLessThan(mp4Boxes(file).indexOf("mdat"));
  });

  it("lets viewers download but not export, and refuses bad requests with reasons", async () => {
    const viewer = await who("viewer").emit(EVENTS.exportStart, { settings: { chainId, format: "avi", size: SIZE, fps: FPS } });
    expect(viewer.error.code).toBe("FORBIDDEN");
    const editor = who("editor");
    const tooBig = await editor.emit(EVENTS.exportStart, { settings: { chainId, format: "mp4", size: 2048, fps: FPS } });
    expect(tooBig.error.code).toBe("VALIDATION_FAILED");
    const odd = await editor.emit(EVENTS.exportStart, { settings: { chainId, format: "mp4", size: 65, fps: FPS } });
    expect(odd.error.issues?.join()).toContain("even");
    const bigGif = await editor.emit(EVENTS.exportStart, { settings: { chainId, format: "gif", size: 1024, fps: FPS } });
    expect(bigGif.error.issues?.join()).toContain("at most 512");
    const pastEnd = await editor.emit(EVENTS.exportStart, { settings: { chainId, format: "avi", size: SIZE, fps: FPS, range: { in: 0, out: 17 } } });
    expect(pastEnd.error.message).toContain("has 17 frames");
    const noChain = await editor.emit(EVENTS.exportStart, { settings: { chainId: "nope", format: "avi", size: SIZE, fps: FPS } });
    expect(noChain.error.message).toContain("not in the room");
    const list = await who("viewer").emit(EVENTS.exportsLoad, {});
    expect(list.ok).toBe(true);
    expect(list.exports.every((j) => j.roomId === roomId)).toBe(true);
    // Nothing refused was recorded.
    expect(list.exports.filter((j) => j.status === "failed")).toEqual([]);
    expect((await download("not-a-uuid")).status).toBe(404);
    // Someone outside the room cannot see the list or download a finished file.
    const done = list.exports.find((j) => j.status === "done")!;
    const outsider = await signUp(stack.collab.url, "outsider");
    expect((await outsider.download(`/api/rooms/${roomId}/exports/${done.id}/file`)).status).toBe(404);
    expect((await outsider.call("GET", `/api/rooms/${roomId}/exports`)).status).toBe(404);
  });

  it("lets the room's own frames past a running export, then cancels it: listed as cancelled, no download, no file", async () => {
    const editor = who("editor");
    // Large frames that nobody rendered yet, so it is still running when cancelled.
    const started = await editor.emit(EVENTS.exportStart, { settings: { chainId, format: "png-zip", size: 512, fps: FPS } });
    await waitFor(started.export.id, (job) => job.status === "running" && job.framesDone > 0);
    // A frame someone looks at now is rendered before the export's next ones.
    const [fresh] = await renderedFrames([seedFrameRecipe(MODEL, 4242, { width: SIZE, height: SIZE })]);
    expect(fresh!.length).toBeGreaterThan(0);
    const heard = who("viewer").heard.filter((j) => j.id === started.export.id);
    expect(heard.at(-1)!.status).toBe("running");
    expect(heard.at(-1)!.framesDone).toBeLessThan(17);
    const cancelled = await editor.emit(EVENTS.exportCancel, { exportId: started.export.id });
    expect(cancelled.ok).toBe(true);
    const ended = await waitFor(started.export.id, (job) => !["queued", "running"].includes(job.status));
    expect(ended.status).toBe("cancelled");
    expect((await download(started.export.id)).status).toBe(409);
    expect(readdirSync(stack.config.exports.dir).filter((name) => name.startsWith(started.export.id))).toEqual([]);
    const again = await editor.emit(EVENTS.exportCancel, { exportId: started.export.id });
    expect(again.error.message).toContain("cancelled");
  });

  it("shares rendered frames through the cache: a second export of the same frames needs no worker", async () => {
    const first = await exportAndWait({ format: "avi", range: { in: 0, out: 5 } });
    expect(first.status).toBe("done");
    await stack.worker!.close();
    const second = await exportAndWait({ format: "png-zip", range: { in: 0, out: 5 } });
    expect(second.status).toBe("done");
    const other = await exportAndWait({ format: "avi", size: 32, range: { in: 0, out: 5 } });
    expect(other).toMatchObject({ status: "failed", error: expect.stringContaining("no render worker is connected") });
    expect(existsSync(join(stack.config.exports.dir, other.id))).toBe(false);
  });
});

describe.each(scratchKinds())("export jobs across a stop and a crash on %s", (kind) => {
  it("fails, with the reason, an export the server stopped during, and keeps no partial file", async () => {
    const scratch = await createScratchTarget(kind);
    const exportDir = mkdtempSync(join(tmpdir(), "umbra-exports-"));
    try {
      const first = await startStack({ kind, scratch, exportDir });
      const { owner, roomId, chainId, writer } = await startRoom(first.collab.url, await signUp(first.collab.url, "owner"));
      // Many small frames: still running when the server stops, with no batch near the render timeout.
      const long = new RoomDoc(writer.doc);
      for (const keyframe of long.chain(chainId)!.keyframes.slice(0, 2)) long.setTransition(chainId, keyframe.id, { frames: 200 });
      const socket = await joinedRoomSocket(first.collab.url, owner, roomId);
      const running = new Promise<ExportJob>((resolve) => socket.on(EVENTS.exportUpdated, (job) => job.status === "running" && resolve(job)));
      const started = await emitWithAck<Answer>(socket, EVENTS.exportStart, { settings: { chainId, format: "avi", size: 256, fps: 24 } });
      expect(started.export.frames).toBe(401);
      await running;
      socket.close();
      writer.destroy();
      await first.close();
      const second = await startStack({ kind, scratch, exportDir, withWorker: false });
      const { exports } = await new ApiClient(second.collab.url, owner.session).expect(200, "GET", `/api/rooms/${roomId}/exports`);
      await second.close();
      expect(exports).toEqual([expect.objectContaining({ id: started.export.id, status: "failed", error: expect.stringContaining("stopped during this export") })]);
      expect(readdirSync(exportDir)).toEqual([]);
    } finally {
      await scratch.dispose();
    }
  });

  it("fails an export cut short by SIGKILL at the next start, and deletes its partial file (the built server, a GIF first)", async () => {
    const scratch = await createScratchTarget(kind);
    const exportDir = mkdtempSync(join(tmpdir(), "umbra-exports-"));
    const port = await freePort();
    const env = { UMBRA_EXPORT_DIR: exportDir };
    let server = await startCollabProcess(scratch, port, env);
    const worker = await startWorkerProcess(`http://127.0.0.1:${port}`);
    try {
      const api = new ApiClient(`http://127.0.0.1:${port}`);
      const { roomId, chainId, writer } = await startRoom(api.baseUrl, api);
      // A long chain of small frames: the AVI is surely mid-way when the server is killed,
      // and no batch comes near the render timeout on a slow machine (1024² frames did).
      const long = new RoomDoc(writer.doc);
      for (const keyframe of long.chain(chainId)!.keyframes.slice(0, 2)) long.setTransition(chainId, keyframe.id, { frames: 200 });
      const socket = await joinedRoomSocket(api.baseUrl, api, roomId);
      // Heard from the start: news can arrive in the same read as the answer, before a later listener.
      const heard: ExportJob[] = [];
      socket.on(EVENTS.exportUpdated, (job) => heard.push(job));
      const heardOf = async (id: string, what: string, done: (job: ExportJob) => boolean) => {
        for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
          const seen = heard.find((job) => job.id === id && done(job));
          if (seen) return seen;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        throw new Error(`never heard that ${what}; heard: ${heard.map((j) => `${j.settings.format} ${j.status} ${j.framesDone}/${j.frames}${j.error ? ` (${j.error})` : ""}`).join(", ")}`);
      };
      const gif = await emitWithAck<Answer>(socket, EVENTS.exportStart, { settings: { chainId, format: "gif", size: SIZE, fps: FPS, range: { in: 0, out: 16 } } });
      expect(await heardOf(gif.export.id, "the GIF ended", (job) => job.status !== "queued" && job.status !== "running")).toMatchObject({ status: "done" });
      const big = await emitWithAck<Answer>(socket, EVENTS.exportStart, { settings: { chainId, format: "avi", size: 256, fps: FPS } });
      expect(big.export.frames).toBe(401);
      const midway = await heardOf(big.export.id, "the AVI got going", (job) => job.framesDone > 0);
      expect(midway.status, "the AVI must still be running when the server is killed").toBe("running");
      expect(readdirSync(exportDir)).toContain(`${big.export.id}.part`);
      socket.close();
      writer.destroy();
      await server.kill();
      server = await startCollabProcess(scratch, port, env);
      const { exports } = await api.expect(200, "GET", `/api/rooms/${roomId}/exports`);
      const byId = new Map((exports as ExportJob[]).map((j) => [j.id, j]));
      expect(byId.get(big.export.id)).toMatchObject({ status: "failed", error: expect.stringContaining("the server running this export stopped") });
      expect(byId.get(gif.export.id)).toMatchObject({ status: "done" });
      expect(readdirSync(exportDir)).toEqual([gif.export.id]);
    } finally {
      await worker.stop();
      await server.stop();
      await scratch.dispose();
    }
  });
});

describe("MP4 without ffmpeg", () => {
  it("uses the built-in WebAssembly encoder, says so, and writes H.264 with the index first", async () => {
    const stack = await startStack({ kind: "pglite", ffmpeg: "none" });
    try {
      const { owner, roomId, chainId, writer } = await startRoom(stack.collab.url, await signUp(stack.collab.url, "owner"));
      const socket = await joinedRoomSocket(stack.collab.url, owner, roomId);
      const emit = (event: string, payload: unknown) => emitWithAck<Answer>(socket, event, payload);
      const loaded = await emit(EVENTS.exportsLoad, {});
      expect(loaded.mp4Encoder).toMatchObject({ kind: "wasm", detail: expect.stringContaining("UMBRA_FFMPEG=none") });
      const done = new Promise<ExportJob>((resolve) => socket.on(EVENTS.exportUpdated, (job) => job.status !== "queued" && job.status !== "running" && resolve(job)));
      expect((await emit(EVENTS.exportStart, { settings: { chainId, format: "mp4", size: SIZE, fps: FPS } })).ok).toBe(true);
      const job = await done;
      expect(job).toMatchObject({ status: "done", encoder: expect.stringContaining("WebAssembly") });
      const file = (await owner.download(`/api/rooms/${roomId}/exports/${job.id}/file`)).bytes;
      expect(mp4Boxes(file).indexOf("moov")).toBeLessThan(mp4Boxes(file).indexOf("mdat"));
      if (hasFfprobe) expect(ffprobe(file)).toMatchObject({ codec_name: "h264", nb_read_frames: "17", r_frame_rate: `${FPS}/1`, pix_fmt: "yuv420p" });
      socket.close();
      writer.destroy();
    } finally {
      await stack.close();
    }
  });
});

describe("the export folder's budget", () => {
  it("deletes the oldest finished exports past it, keeping the newest, and lists them as expired", async () => {
    // 17 frames of 512² JPEG: about half a megabyte an AVI, so three pass a 1 MB budget.
    const stack = await startStack({ kind: "pglite", exportBudgetBytes: 1024 * 1024 });
    try {
      const { owner, roomId, chainId, writer } = await startRoom(stack.collab.url, await signUp(stack.collab.url, "owner"));
      const socket = await joinedRoomSocket(stack.collab.url, owner, roomId);
      const finished = async () => {
        const done = new Promise<ExportJob>((resolve) => {
          const onUpdate = (job: ExportJob) => job.status === "done" && (socket.off(EVENTS.exportUpdated, onUpdate), resolve(job));
          socket.on(EVENTS.exportUpdated, onUpdate);
        });
        expect((await emitWithAck<Answer>(socket, EVENTS.exportStart, { settings: { chainId, format: "avi", size: 512, fps: FPS } })).ok).toBe(true);
        return done;
      };
      const jobs = [await finished(), await finished(), await finished()];
      expect(jobs[0]!.bytes! + jobs[1]!.bytes! + jobs[2]!.bytes!).toBeGreaterThan(1024 * 1024);
      const { exports } = await owner.expect(200, "GET", `/api/rooms/${roomId}/exports`);
      const status = new Map((exports as ExportJob[]).map((j) => [j.id, j]));
      expect(status.get(jobs[2]!.id)!.status).toBe("done");
      expect(status.get(jobs[0]!.id)).toMatchObject({ status: "expired", error: expect.stringContaining("UMBRA_EXPORT_BUDGET_MB") });
      const kept = (exports as ExportJob[]).filter((j) => j.status === "done").reduce((sum, j) => sum + j.bytes!, 0);
      expect(kept).toBeLessThanOrEqual(1024 * 1024);
      expect(readdirSync(stack.config.exports.dir).sort()).toEqual((exports as ExportJob[]).filter((j) => j.status === "done").map((j) => j.id).sort());
      socket.close();
      writer.destroy();
    } finally {
      await stack.close();
    }
  });
});

describe("per-frame w", () => {
  it("exports each frame's w from the default model's mapping network, as numpy reads it, and refuses a model without one", async () => {
    const stack = await startStack({ kind: "pglite" });
    const dir = mkdtempSync(join(tmpdir(), "umbra-w-"));
    try {
      const owner = await signUp(stack.collab.url, "owner");
      const roomId = (await owner.createRoom("Latents", { model: DEFAULT_MODEL })).id;
      const writer = connectDoc(stack.collab.url, roomId, await owner.realtimeToken(roomId));
      await writer.synced;
      const doc = new RoomDoc(writer.doc);
      const chainId = doc.addChain({ name: "Faces", fps: 24, snapshot: "default" });
      const first = doc.addKeyframe(chainId, { seed: 5 })!;
      doc.addKeyframe(chainId, { seed: 6 });
      doc.setTransition(chainId, first, { frames: 9, truncation: 0.5 });
      const chain = doc.chain(chainId)!;
      const socket = await joinedRoomSocket(stack.collab.url, owner, roomId);
      const ended = new Promise<ExportJob>((resolve) => socket.on(EVENTS.exportUpdated, (job) => job.status !== "queued" && job.status !== "running" && resolve(job)));
      const started = await emitWithAck<Answer>(socket, EVENTS.exportStart, { settings: { chainId, format: "w-npy", size: 256, fps: 24 } });
      expect(started.error).toBeUndefined();
      const job = await ended;
      expect(job).toMatchObject({ status: "done", frames: 10, fileName: "Faces_w_24fps.zip" });
      const entries = unzipSync(new Uint8Array((await owner.download(`/api/rooms/${roomId}/exports/${job.id}/file`)).bytes));
      expect(Object.keys(entries).sort()).toEqual(["w.json", "w.npy"]);
      const w = readNpy(entries["w.npy"]!);
      expect(w).toMatchObject({ dtype: "float32", shape: [10, 128] });
      // The same w as the model gives for the chain's recipes (ψ 0.5 pulls them toward the mean w).
      await chooseBackend("wasm", () => {});
      const recipes = Array.from({ length: 10 }, (_, i) => frameRecipeAt(chain, i, DEFAULT_MODEL)!);
      const expected = await (await PortraitsGenerator.load()).mapLatents(recipes);
      expected.forEach((row, i) => row.forEach((v, k) => expect(Number(w.data[i * 128 + k])).toBeCloseTo(v, 5)));
      const sidecar = JSON.parse(Buffer.from(entries["w.json"]!).toString());
      expect(sidecar).toMatchObject({ model: DEFAULT_MODEL, snapshot: "default", wSize: 128 });
      expect(sidecar.frames.map((f: { hash: string }) => f.hash)).toEqual(recipes.map(recipeHash));
      expect(sidecar.frames[3].truncation).toBe(0.5);
      writeFileSync(join(dir, "w.npy"), entries["w.npy"]!);
      const numpy = spawnSync("python3", ["-c", "import numpy, sys; a = numpy.load(sys.argv[1]); print(a.dtype, a.shape)", join(dir, "w.npy")], { encoding: "utf8" });
      if (numpy.status === 0) expect(numpy.stdout.trim()).toBe("float32 (10, 128)");

      const cppnRoom = (await owner.createRoom("CPPN")).id;
      const cppnSocket = await joinedRoomSocket(stack.collab.url, owner, cppnRoom);
      const cppnWriter = connectDoc(stack.collab.url, cppnRoom, await owner.realtimeToken(cppnRoom));
      await cppnWriter.synced;
      const cppnChain = new RoomDoc(cppnWriter.doc).addChain({ name: "Blobs", fps: 24 });
      new RoomDoc(cppnWriter.doc).addKeyframe(cppnChain, { seed: 1 });
      const refused = await emitWithAck<Answer>(cppnSocket, EVENTS.exportStart, { settings: { chainId: cppnChain, format: "w-npy", size: 256, fps: 24 } });
      expect(refused.error.message).toContain("has no mapping network");
      for (const s of [socket, cppnSocket]) s.close();
      for (const d of [writer, cppnWriter]) d.destroy();
    } finally {
      await stack.close();
    }
  });
});
