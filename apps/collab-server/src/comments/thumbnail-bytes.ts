import { CommentRefusal } from "./comment-errors.js";

const PREFIX = "data:image/jpeg;base64,";
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The JPEG bytes of a thumbnail sent as a data URL; refused when they are not a JPEG's. */
export function jpegFromDataUrl(dataUrl: string): Buffer {
  const text = dataUrl.slice(PREFIX.length);
  if (!dataUrl.startsWith(PREFIX) || text.length % 4 !== 0 || !BASE64.test(text)) throw new CommentRefusal("VALIDATION_FAILED", "a note's thumbnail is a base64 JPEG data URL");
  const bytes = Buffer.from(text, "base64");
  // Every JPEG starts with a start-of-image marker followed by another marker.
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) throw new CommentRefusal("VALIDATION_FAILED", "a note's thumbnail is not a JPEG image");
  return bytes;
}
