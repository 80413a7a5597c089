// Renders the training set of Umbra's default model: seeded cartoon portraits from
// DiceBear's "avataaars" style (see models/portraits/ATTRIBUTION.md), rasterised with
// resvg at 64×64, written as one uint8 .npy of shape (count, 64, 64, 3) for train.py.
// Run by hand: node tools/train-default-model/make-dataset.mjs [count] [out.npy]
import { writeFileSync } from "node:fs";
import { createAvatar } from "@dicebear/core";
import { avataaars } from "@dicebear/collection";
import { Resvg } from "@resvg/resvg-js";

const count = Number(process.argv[2] ?? 10_000);
const out = process.argv[3] ?? "portraits-64.npy";
const SIZE = 64;
if (!Number.isInteger(count) || count < 1 || count > 200_000) throw new Error(`count must be 1..200000, got ${process.argv[2]}`);

/** A .npy header for uint8 (count, 64, 64, 3), padded to a multiple of 64 bytes as numpy writes it. */
function npyHeader(shape) {
  let header = `{'descr': '|u1', 'fortran_order': False, 'shape': (${shape.join(", ")}), }`;
  const total = 10 + header.length + 1;
  header += " ".repeat((64 - (total % 64)) % 64) + "\n";
  const prefix = Buffer.from([0x93, ...Buffer.from("NUMPY"), 1, 0, header.length & 0xff, header.length >> 8]);
  return Buffer.concat([prefix, Buffer.from(header, "latin1")]);
}

const pixels = Buffer.alloc(count * SIZE * SIZE * 3);
const started = performance.now();
for (let i = 0; i < count; i++) {
  // A light backdrop of its own per portrait, like a photo booth; no transparency to learn.
  const svg = createAvatar(avataaars, { seed: `umbra-${i}`, size: SIZE, backgroundType: ["solid"], backgroundColor: ["b6e3f4", "c0aede", "d1d4f9", "ffd5dc", "ffdfbf"] }).toString();
  const rgba = new Resvg(svg, { fitTo: { mode: "width", value: SIZE } }).render().pixels;
  for (let p = 0, q = i * SIZE * SIZE * 3; p < SIZE * SIZE * 4; p += 4, q += 3) {
    pixels[q] = rgba[p];
    pixels[q + 1] = rgba[p + 1];
    pixels[q + 2] = rgba[p + 2];
  }
  if ((i + 1) % 1000 === 0) console.log(`${i + 1} of ${count} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
writeFileSync(out, Buffer.concat([npyHeader([count, SIZE, SIZE, 3]), pixels]));
console.log(`wrote ${out}`);
