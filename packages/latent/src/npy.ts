/**
 * NumPy .npy reading and writing for float32 and float64 arrays in C order,
 * the format of Marrow's source.npy / dest.npy. Versions 1.0, 2.0 and 3.0 are read;
 * 1.0 is written unless the header needs more room.
 */

export type NpyDtype = "float32" | "float64";

export interface NpyArray {
  dtype: NpyDtype;
  shape: number[];
  data: Float32Array | Float64Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const DESCR: Record<string, { dtype: NpyDtype; littleEndian: boolean }> = {
  "<f4": { dtype: "float32", littleEndian: true },
  ">f4": { dtype: "float32", littleEndian: false },
  "<f8": { dtype: "float64", littleEndian: true },
  ">f8": { dtype: "float64", littleEndian: false },
};

export class NpyFormatError extends Error {
  override name = "NpyFormatError";
}

function parseHeader(header: string): { descr: string; fortranOrder: boolean; shape: number[] } {
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new NpyFormatError(`.npy header is not a valid dictionary: ${header.trim()}`);
  }
  const shape = shapeText
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const n = Number(s.replace(/L$/, ""));
      if (!Number.isInteger(n) || n < 0) throw new NpyFormatError(`.npy shape has a bad dimension: ${s}`);
      return n;
    });
  return { descr, fortranOrder: fortran === "True", shape };
}

export function readNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new NpyFormatError("not a .npy file: the magic string \\x93NUMPY is missing");
  }
  const major = bytes[6]!;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new NpyFormatError(".npy file is truncated in its preamble");
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else {
    throw new NpyFormatError(`.npy format version ${major} is not supported`);
  }
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) throw new NpyFormatError(".npy file is truncated in its header");
  const header = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(bytes.subarray(headerStart, dataStart));
  const { descr, fortranOrder, shape } = parseHeader(header);
  const kind = DESCR[descr];
  if (!kind) throw new NpyFormatError(`.npy dtype '${descr}' is not supported: use float32 or float64`);
  if (fortranOrder) throw new NpyFormatError(".npy arrays in Fortran order are not supported: save in C order");
  const count = shape.reduce((a, b) => a * b, 1);
  const itemSize = kind.dtype === "float32" ? 4 : 8;
  if (bytes.length - dataStart < count * itemSize) {
    throw new NpyFormatError(`.npy data is truncated: shape (${shape.join(", ")}) needs ${count * itemSize} bytes, found ${bytes.length - dataStart}`);
  }
  const data = kind.dtype === "float32" ? new Float32Array(count) : new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const offset = dataStart + i * itemSize;
    data[i] = itemSize === 4 ? view.getFloat32(offset, kind.littleEndian) : view.getFloat64(offset, kind.littleEndian);
  }
  return { dtype: kind.dtype, shape, data };
}

/**
 * The header of a little-endian float .npy of this shape, C order, padded so the data
 * starts on a 64-byte boundary: what writeNpy puts first, for writers that stream the rows.
 */
export function npyHeader(dtype: "<f4" | "<f8", shape: readonly number[]): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  const dict = `{'descr': '${dtype}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  const version = dict.length + 1 + 10 > 0xffff ? 2 : 1;
  const preamble = version === 1 ? 10 : 12;
  const padded = dict.padEnd(Math.ceil((preamble + dict.length + 1) / 64) * 64 - preamble - 1, " ") + "\n";
  const out = new Uint8Array(preamble + padded.length);
  out.set(MAGIC, 0);
  out[6] = version;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (version === 1) view.setUint16(8, padded.length, true);
  else view.setUint32(8, padded.length, true);
  for (let i = 0; i < padded.length; i++) out[preamble + i] = padded.charCodeAt(i);
  return out;
}

export function writeNpy(data: Float32Array | Float64Array, shape: number[] = [data.length]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new RangeError(`shape (${shape.join(", ")}) holds ${count} values, data has ${data.length}`);
  const float32 = data instanceof Float32Array;
  const header = npyHeader(float32 ? "<f4" : "<f8", shape);
  const itemSize = float32 ? 4 : 8;
  const out = new Uint8Array(header.length + data.length * itemSize);
  out.set(header, 0);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) {
    if (float32) view.setFloat32(header.length + i * 4, data[i]!, true);
    else view.setFloat64(header.length + i * 8, data[i]!, true);
  }
  return out;
}
