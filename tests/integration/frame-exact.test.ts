// One frame numbering from the notes to the files, and exports that hold the generator's
// own pixels: a note's frame in the shot list names the PNG whose pixels are the note's
// frozen recipe, bit for bit, on the default model, in colour and in Shadows. Real
// collab-server, socket.io, Yjs and an in-process worker on wasm, on PGlite.
import { unzipSync } from "fflate";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoomDoc, anchorAt, frameRecipeAt, type Chain } from "@umbra/doc";
import { PortraitsGenerator, shadowsFromRgb } from "@umbra/gan-worker";
import { DEFAULT_MODEL, EVENTS, type ExportSettingsInput, type Thread } from "@umbra/protocol";
import { signUp, type ApiClient } from "../support/api.js";
import { exportUntilEnded } from "../support/export-job.js";
import { emitWithAck, joinedRoomSocket, startStack, type RoomSocket, type Stack } from "../support/stack.js";
import { connectDoc } from "../support/yjs-client.js";

const THUMBNAIL = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQ==";
/** The note sits at chain index 12: t = 0.5 of the second transition. */
const NOTE_INDEX = 12;

describe("frame-exact notes and exports on the default model", () => {
  let stack: Stack;
  let owner: ApiClient;
  let socket: RoomSocket;
  let roomId: string;
  let chain: Chain;
  let doc: RoomDoc;
  let closeWriter: () => void;
  let note: Thread;

  async function exportAndWait(settings: Partial<ExportSettingsInput>): Promise<Map<string, Uint8Array>> {
    const job = await exportUntilEnded(socket, { chainId: chain.id, format: "png-zip", size: 256, fps: 24, ...settings });
    expect(job.status).toBe("done");
    return new Map(Object.entries(unzipSync(new Uint8Array((await owner.download(`/api/rooms/${roomId}/exports/${job.id}/file`)).bytes))));
  }

  /** The note's row of the shot list: its frame number and timecode as the CSV says them. */
  async function csvFrame(): Promise<{ frame: string; timecode: string }> {
    const answer = await fetch(new URL(`/api/rooms/${roomId}/notes?format=csv`, stack.collab.url), { headers: { authorization: `Bearer ${owner.session!.token}` } });
    const rows = (await answer.text()).trim().split("\r\n").map((line) => line.slice(1, -1).split('","'));
    const row = rows.find((r) => r[0] === note.id)!;
    return { frame: row[3]!, timecode: row[4]! };
  }

  /** A PNG's pixels as stored: a gray PNG stays one channel (sharp would otherwise widen it to sRGB). */
  async function pixelsOf(png: Uint8Array): Promise<{ data: Buffer; channels: number }> {
    const { channels } = await sharp(png).metadata();
    const { data, info } = await sharp(png).toColourspace(channels === 1 ? "b-w" : "srgb").raw().toBuffer({ resolveWithObject: true });
    return { data, channels: info.channels };
  }

  beforeAll(async () => {
    stack = await startStack({ kind: "pglite" });
    owner = await signUp(stack.collab.url, "owner");
    roomId = (await owner.createRoom("Frame exact", { model: DEFAULT_MODEL })).id;
    const writer = connectDoc(stack.collab.url, roomId, await owner.realtimeToken(roomId));
    await writer.synced;
    closeWriter = () => writer.destroy();
    doc = new RoomDoc(writer.doc);
    const chainId = doc.addChain({ name: "Faces", fps: 24, snapshot: "default" });
    const ids = [21, 9, 5].map((seed) => doc.addKeyframe(chainId, { seed })!);
    for (const id of ids.slice(0, 2)) doc.setTransition(chainId, id, { frames: 8 });
    chain = doc.chain(chainId)!;
    socket = await joinedRoomSocket(stack.collab.url, owner, roomId);
    const created = await emitWithAck<{ ok: boolean; thread: Thread }>(socket, EVENTS.threadCreate, {
      anchor: anchorAt(chain, NOTE_INDEX)!,
      recipe: frameRecipeAt(chain, NOTE_INDEX, DEFAULT_MODEL)!,
      thumbnail: THUMBNAIL,
      body: "Trace this one",
      mentions: [],
    });
    expect(created.ok).toBe(true);
    note = created.thread;
  });
  afterAll(async () => {
    socket?.close();
    closeWriter?.();
    await stack?.close();
  });

  it("names in the CSV the PNG whose pixels are the note's frozen recipe, in colour and Shadows", async () => {
    // Counted from 1 by default: chain index 12 is frame 13, everywhere.
    expect(await csvFrame()).toEqual({ frame: "13", timecode: "0:00:12" });
    const generator = await PortraitsGenerator.load();
    const [rendered] = await generator.render([note.recipe]);

    const colour = await exportAndWait({});
    const file = `frame_000${(await csvFrame()).frame}.png`;
    const colourPixels = await pixelsOf(colour.get(file)!);
    expect(colourPixels.channels).toBe(3);
    expect(colourPixels.data.equals(Buffer.from(rendered!.pixels))).toBe(true);
    const sidecar = JSON.parse(Buffer.from(colour.get("recipes.json")!).toString());
    const entry = sidecar.frames.find((f: { file: string }) => f.file === file);
    expect(entry.frame).toBe(13);
    // The export's recipe is the note's, asking for lossless bytes.
    expect(entry.recipe).toEqual({ ...note.recipe, encoding: "png" });

    const shadows = await exportAndWait({ view: "shadows", range: { in: 10, out: 14 } });
    expect([...shadows.keys()].sort()).toEqual(["frame_00011.png", "frame_00012.png", "frame_00013.png", "frame_00014.png", "frame_00015.png", "recipes.json"]);
    const shadowPixels = await pixelsOf(shadows.get(file)!);
    expect(shadowPixels.channels).toBe(1);
    expect(shadowPixels.data.equals(Buffer.from(shadowsFromRgb(rendered!.pixels)))).toBe(true);
  });

  it("counts from 0 and from a start timecode when the room says so, in the CSV and the files alike", async () => {
    doc.setFrameNumbering({ firstFrame: 0, timecodeStart: 3600 });
    await expect.poll(csvFrame, { timeout: 15_000 }).toEqual({ frame: "12", timecode: "1:00:00:12" });
    const files = await exportAndWait({ range: { in: 11, out: 12 } });
    expect([...files.keys()].sort()).toEqual(["frame_00011.png", "frame_00012.png", "recipes.json"]);
    const [rendered] = await (await PortraitsGenerator.load()).render([note.recipe]);
    expect((await pixelsOf(files.get("frame_00012.png")!)).data.equals(Buffer.from(rendered!.pixels))).toBe(true);
  });
});
