import { collabApi } from "@/lib/collab-api";
import { passedResponse } from "@/lib/passed-response";

/** GET: a note's thumbnail, fetched as the signed-in person; a 304 when the browser has it already, which it keeps for good. */
export async function GET(request: Request, { params }: { params: Promise<{ roomId: string; hash: string }> }) {
  const { roomId, hash } = await params;
  const answer = await collabApi.thumbnail(roomId, hash, request.headers.get("if-none-match"));
  return passedResponse(answer, ["content-type", "content-length", "etag", "cache-control", "x-content-type-options"]);
}
