/** Bytes a decoded socket.io event payload took on the wire, near enough for a limit. */
export function payloadBytes(value: unknown): number {
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return value.byteLength;
  if (typeof value === "string") return Buffer.byteLength(value);
  if (Array.isArray(value)) return value.reduce<number>((sum, item) => sum + payloadBytes(item), 2);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).reduce((sum, [key, item]) => sum + Buffer.byteLength(key) + 4 + payloadBytes(item), 2);
  }
  return String(value).length;
}
