import { z } from "zod";

/** Binary arrives as Buffer in Node and ArrayBuffer in browsers. */
export const binarySchema = z
  .union([z.instanceof(Uint8Array), z.instanceof(ArrayBuffer)])
  .transform((b) => (b instanceof Uint8Array ? b : new Uint8Array(b)));
