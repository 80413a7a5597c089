import { NextResponse } from "next/server";
import { collabApi } from "@/lib/collab-api";

/**
 * POST: a short-lived realtime token for this room, for the browser's socket.io
 * and y-websocket connections. The session cookie never leaves this origin.
 */
export async function POST(_request: Request, { params }: { params: Promise<{ roomId: string }> }) {
  const result = await collabApi.realtimeToken((await params).roomId);
  if (!result.ok) return NextResponse.json({ error: { code: result.code === "UNREACHABLE" ? "INTERNAL" : result.code, message: result.message } }, { status: result.status, headers: { "cache-control": "no-store" } });
  return NextResponse.json(result.value, { headers: { "cache-control": "no-store" } });
}
