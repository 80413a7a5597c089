/**
 * JSON gzipped for the wire, where a large answer repeats itself (thousands of
 * thread summaries with the same chain ids, authors and looks). Web streams, so
 * the same code runs in Node and in browsers.
 */
export async function packJson(value: unknown): Promise<Uint8Array> {
  return packJsonText(JSON.stringify(value));
}

/** JSON text packed as packJson packs a value: for text that is JSON already (as a database wrote it). */
export async function packJsonText(json: string): Promise<Uint8Array> {
  const stream = new Blob([json]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The value packJson packed; throws when the bytes are not gzipped JSON. */
export async function unpackJson(bytes: Uint8Array): Promise<unknown> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text());
}
