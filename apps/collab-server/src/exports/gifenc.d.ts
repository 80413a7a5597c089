// Types for the parts of gifenc (MIT, pure JS) that the GIF writer uses; the package ships none.
// It is CommonJS whose exports Node cannot name statically, so it is imported whole.
declare module "gifenc" {
  type Palette = number[][];
  interface GifStream {
    writeFrame(index: Uint8Array, width: number, height: number, options?: { palette?: Palette; delay?: number; repeat?: number }): void;
    finish(): void;
    bytesView(): Uint8Array;
  }
  const gifenc: {
    quantize(rgba: Uint8Array | Uint8ClampedArray, maxColors: number, options?: { format?: "rgb565" | "rgb444" | "rgba4444" }): Palette;
    applyPalette(rgba: Uint8Array | Uint8ClampedArray, palette: Palette, format?: "rgb565" | "rgb444" | "rgba4444"): Uint8Array;
    GIFEncoder(options?: { initialCapacity?: number }): GifStream;
  };
  export default gifenc;
}
