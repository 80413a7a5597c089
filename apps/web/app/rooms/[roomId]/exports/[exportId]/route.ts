import { collabApi } from "@/lib/collab-api";
import { passedResponse } from "@/lib/passed-response";

/** Headers of collab-server's answer that the browser needs for a download or a seekable video. */
const PASSED = ["content-type", "content-length", "content-range", "accept-ranges", "content-disposition", "cache-control", "x-content-type-options"];

/**
 * GET: a finished export, fetched as the signed-in person and streamed through,
 * Range requests included (a video player seeks; a broken download resumes).
 */
export async function GET(request: Request, { params }: { params: Promise<{ roomId: string; exportId: string }> }) {
  const { roomId, exportId } = await params;
  return passedResponse(await collabApi.exportFile(roomId, exportId, request.headers.get("range")), PASSED);
}
