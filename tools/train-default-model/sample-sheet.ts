// Pictures of the default model for docs/models.md: a grid of seeds and an interpolation
// strip (seed 21 to seed 9), rendered by the worker's own forward pass, one per snapshot asked;
// for the last snapshot, style mixing by layer group and the first directions in w.
// Run by hand: npx tsx --conditions=umbra-source tools/train-default-model/sample-sheet.ts [out folder] [snapshot…]
import { mkdir } from "node:fs/promises";
import sharp from "sharp";
import { STYLE_LAYER_GROUPS, encodeLatentBase64, nudgeLatent, seedFrameRecipe, type FrameRecipe } from "@umbra/latent";
import { chooseBackend, PortraitsGenerator } from "@umbra/gan-worker";

const [out = "docs/images", ...asked] = process.argv.slice(2);
const CELL = 128;

async function sheet(recipes: FrameRecipe[], columns: number, file: string, generator: PortraitsGenerator): Promise<void> {
  const frames = await generator.render(recipes);
  const rows = Math.ceil(frames.length / columns);
  const composite = frames.map((f, i) => ({ input: Buffer.from(f.pixels), raw: { width: f.width, height: f.height, channels: 3 as const }, left: (i % columns) * CELL, top: Math.floor(i / columns) * CELL }));
  await sharp({ create: { width: columns * CELL, height: rows * CELL, channels: 3, background: "#000" } }).composite(composite).png({ palette: true }).toFile(file);
  console.log(`wrote ${file}`);
}

await chooseBackend("wasm", () => {});
const generator = await PortraitsGenerator.load();
await mkdir(out, { recursive: true });
for (const snapshot of asked.length ? asked : [generator.snapshots[0]!]) {
  const at = (seed: number, extra: Partial<FrameRecipe> = {}) => seedFrameRecipe(generator.id, seed, { snapshot, width: CELL, height: CELL, ...extra });
  await sheet(Array.from({ length: 24 }, (_, i) => at(i + 1)), 8, `${out}/portraits-${snapshot}-grid.png`, generator);
  await sheet(Array.from({ length: 8 }, (_, i) => at(21, { to: { seed: 9 }, t: i / 7 })), 8, `${out}/portraits-${snapshot}-strip.png`, generator);
}

// Mixing: each row is a seed, then that seed with its coarse, middle and fine layers from seed 9, then seed 9.
const mixed = (seed: number, extra: Partial<FrameRecipe> = {}) => seedFrameRecipe(generator.id, seed, { width: CELL, height: CELL, ...extra });
await sheet(
  [2, 5, 12].flatMap((seed) => [mixed(seed), ...STYLE_LAYER_GROUPS.map((layers) => mixed(seed, { fromMix: { latent: { seed: 9 }, layers } })), mixed(9)]),
  5,
  `${out}/portraits-mixing.png`,
  generator,
);
// Directions: each row moves seed 5 along one of the first three directions, from −2σ to +2σ.
const directions = await generator.latentDirections("default");
const [base] = await generator.mapLatents([mixed(5, { truncation: 1 })]);
const amounts = [-2, -1, 0, 1, 2];
await sheet(
  [0, 1, 2].flatMap((k) => amounts.map((amount) => mixed(0, { from: { w: encodeLatentBase64(nudgeLatent(base!, directions, directions.map((_, i) => (i === k ? amount : 0)))) } }))),
  5,
  `${out}/portraits-directions.png`,
  generator,
);
