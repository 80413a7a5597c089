import { NextResponse } from "next/server";

/**
 * collab-server's answer, or why it could not be reached, as the browser's answer:
 * its status, its body (none for a 304) and only the headers named.
 */
export function passedResponse(answer: Response | { status: number; message: string }, headerNames: readonly string[]): Response {
  if (!(answer instanceof Response)) return NextResponse.json({ error: { code: "INTERNAL", message: answer.message } }, { status: answer.status });
  const passed = new Headers();
  for (const name of headerNames) {
    const value = answer.headers.get(name);
    if (value) passed.set(name, value);
  }
  return new Response(answer.status === 304 ? null : answer.body, { status: answer.status, headers: passed });
}
