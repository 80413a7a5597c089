import { NextResponse } from "next/server";
import { threadSummariesQuerySchema } from "@umbra/protocol";
import { collabApi } from "@/lib/collab-api";
import { passedResponse } from "@/lib/passed-response";

/** GET ?as=name: every note's summary, packed as threads:load answers it, fetched as the signed-in person. */
export async function GET(request: Request, { params }: { params: Promise<{ roomId: string }> }) {
  const query = threadSummariesQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return NextResponse.json({ error: { code: "VALIDATION_FAILED", message: query.error.issues[0]?.message ?? "as is a name of 1 to 60 characters" } }, { status: 400 });
  const answer = await collabApi.threadSummaries((await params).roomId, { as: query.data.as });
  return passedResponse(answer, ["content-type", "content-length", "cache-control", "x-content-type-options"]);
}
