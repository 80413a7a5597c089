import { NextResponse, type NextRequest } from "next/server";
import { collabOriginFor, contentSecurityPolicy } from "@/lib/content-security-policy";

/** Gives every page a fresh CSP nonce; Next reads it from the request's policy header for its own scripts. */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const hostname = (request.headers.get("host") ?? request.nextUrl.host).replace(/:\d+$/, "");
  const policy = contentSecurityPolicy({
    nonce,
    collabOrigin: collabOriginFor(process.env.UMBRA_PUBLIC_COLLAB_URL, process.env.COLLAB_PORT ?? "3001", request.nextUrl.protocol, hostname),
    development: process.env.NODE_ENV === "development",
  });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages and route handlers; static build output carries no inline script.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
