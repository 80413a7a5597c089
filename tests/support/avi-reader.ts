// The project's own reader of the AVIs that exports write: enough RIFF to check the
// header's frame count, size and rate, the index, and each frame's bytes.

export interface AviFile {
  frames: Buffer[];
  /** From avih. */
  totalFrames: number;
  width: number;
  height: number;
  microSecondsPerFrame: number;
  /** From the video stream's strh: rate / scale. */
  fps: number;
  handler: string;
  /** idx1 entries: offset (from 'movi') and size, one per frame. */
  index: { offset: number; size: number }[];
}

interface Chunk {
  id: string;
  /** Where the data starts. */
  at: number;
  size: number;
}

function chunks(file: Buffer, from: number, to: number): Chunk[] {
  const found: Chunk[] = [];
  for (let at = from; at + 8 <= to; ) {
    const id = file.toString("latin1", at, at + 4);
    const size = file.readUInt32LE(at + 4);
    if (at + 8 + size > to) throw new Error(`chunk ${id} at ${at} runs past its parent (${size} bytes)`);
    found.push({ id, at: at + 8, size });
    at += 8 + size + (size & 1);
  }
  return found;
}

function list(file: Buffer, chunk: Chunk, type: string): Chunk[] {
  if (chunk.id !== "LIST" || file.toString("latin1", chunk.at, chunk.at + 4) !== type) throw new Error(`expected LIST ${type}`);
  return chunks(file, chunk.at + 4, chunk.at + chunk.size);
}

export function readAvi(file: Buffer): AviFile {
  if (file.toString("latin1", 0, 4) !== "RIFF" || file.toString("latin1", 8, 12) !== "AVI ") throw new Error("not a RIFF AVI");
  if (file.readUInt32LE(4) !== file.length - 8) throw new Error(`RIFF size ${file.readUInt32LE(4)} does not match the file (${file.length - 8})`);
  const top = chunks(file, 12, file.length);
  const hdrl = list(file, top.find((c) => c.id === "LIST" && file.toString("latin1", c.at, c.at + 4) === "hdrl")!, "hdrl");
  const avih = hdrl.find((c) => c.id === "avih")!;
  const strl = list(file, hdrl.find((c) => c.id === "LIST")!, "strl");
  const strh = strl.find((c) => c.id === "strh")!;
  const moviChunk = top.find((c) => c.id === "LIST" && file.toString("latin1", c.at, c.at + 4) === "movi")!;
  const movi = list(file, moviChunk, "movi");
  const idx1 = top.find((c) => c.id === "idx1")!;
  const index = [];
  for (let at = idx1.at; at < idx1.at + idx1.size; at += 16) index.push({ offset: file.readUInt32LE(at + 8), size: file.readUInt32LE(at + 12) });
  const moviStart = moviChunk.at;
  // Every index entry must point at its chunk: 'movi' + offset is the chunk's header.
  for (const [i, entry] of index.entries()) {
    if (file.toString("latin1", moviStart + entry.offset, moviStart + entry.offset + 4) !== "00dc") throw new Error(`idx1 entry ${i} does not point at a 00dc chunk`);
  }
  return {
    frames: movi.filter((c) => c.id === "00dc").map((c) => file.subarray(c.at, c.at + c.size)),
    microSecondsPerFrame: file.readUInt32LE(avih.at),
    totalFrames: file.readUInt32LE(avih.at + 16),
    width: file.readUInt32LE(avih.at + 32),
    height: file.readUInt32LE(avih.at + 36),
    handler: file.toString("latin1", strh.at + 4, strh.at + 8),
    fps: file.readUInt32LE(strh.at + 24) / file.readUInt32LE(strh.at + 20),
    index,
  };
}
