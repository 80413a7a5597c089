import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readNpy, writeNpy, NpyFormatError } from "./npy.js";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

describe("readNpy on files NumPy wrote", () => {
  it("reads a float32 vector", () => {
    const a = readNpy(fixture("f32_vector.npy"));
    expect(a.dtype).toBe("float32");
    expect(a.shape).toEqual([512]);
    expect(a.data).toBeInstanceOf(Float32Array);
    for (const i of [0, 1, 100, 511]) expect(a.data[i]).toBe(i * 0.25 - 3);
  });

  it("reads a float64 matrix in C order", () => {
    const a = readNpy(fixture("f64_matrix.npy"));
    expect(a.dtype).toBe("float64");
    expect(a.shape).toEqual([3, 4]);
    expect(a.data[1 * 4 + 2]).toBe(6 / 7);
  });

  it("reads big-endian float32", () => {
    expect(Array.from(readNpy(fixture("f32_big_endian.npy")).data)).toEqual([1.5, -2.25, 3]);
  });

  it("refuses Fortran order and integer dtypes with clear messages", () => {
    expect(() => readNpy(fixture("fortran.npy"))).toThrow(/Fortran order/);
    expect(() => readNpy(fixture("int32.npy"))).toThrow(/dtype '<i4' is not supported/);
  });

  it("refuses garbage and truncated files", () => {
    expect(() => readNpy(new TextEncoder().encode("hello world"))).toThrow(NpyFormatError);
    const whole = fixture("f32_vector.npy");
    expect(() => readNpy(whole.subarray(0, whole.length - 4))).toThrow(/truncated/);
    expect(() => readNpy(whole.subarray(0, 40))).toThrow(/truncated in its header/);
  });
});

describe("writeNpy", () => {
  it("writes bytes identical to NumPy's for the same array", () => {
    const data = new Float32Array(512).map((_, i) => i * 0.25 - 3);
    expect(writeNpy(data)).toEqual(fixture("f32_vector.npy"));
    const matrix = new Float64Array(12).map((_, i) => i / 7);
    expect(writeNpy(matrix, [3, 4])).toEqual(fixture("f64_matrix.npy"));
  });

  it("round-trips and aligns data on 64 bytes", () => {
    const data = new Float64Array([Math.PI, -0, 1e-300]);
    const bytes = writeNpy(data, [1, 3]);
    const headerLength = new DataView(bytes.buffer).getUint16(8, true);
    expect((10 + headerLength) % 64).toBe(0);
    const back = readNpy(bytes);
    expect(back.shape).toEqual([1, 3]);
    expect(Array.from(back.data)).toEqual(Array.from(data));
  });

  it("refuses a shape that does not match the data", () => {
    expect(() => writeNpy(new Float32Array(5), [2, 2])).toThrow(/holds 4 values/);
  });
});
