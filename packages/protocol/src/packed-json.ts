/**
 * JSON gzipped for the wire, where a large answer repeats itself (thousands of
 * thread summaries with the same chain ids, authors and looks): collab-server packs
 * it (comments/packed-json-text.ts); browsers and Node read it with this, through
 * web streams.
 */
export async function unpackJson(bytes: Uint8Array): Promise<unknown> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text());
}
