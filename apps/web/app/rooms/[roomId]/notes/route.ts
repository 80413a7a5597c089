import { NextResponse } from "next/server";
import { notesQuerySchema } from "@umbra/protocol";
import { collabApi } from "@/lib/collab-api";
import { passedResponse } from "@/lib/passed-response";

/**
 * GET ?format=csv|html: the room's notes as a shot list, fetched as the signed-in
 * person and passed on with collab-server's own headers (its CSP included).
 */
export async function GET(request: Request, { params }: { params: Promise<{ roomId: string }> }) {
  const query = notesQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return NextResponse.json({ error: { code: "VALIDATION_FAILED", message: "format is csv or html" } }, { status: 400 });
  const answer = await collabApi.notes((await params).roomId, query.data.format);
  return passedResponse(answer, ["content-type", "content-disposition", "content-security-policy", "cache-control", "x-content-type-options"]);
}
