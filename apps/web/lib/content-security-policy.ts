/**
 * The page's Content-Security-Policy: scripts only from this origin with this
 * response's nonce, network only to this origin and collab-server (HTTP and
 * WebSocket), frames blobs and data images only, and no framing by anyone.
 */
export function contentSecurityPolicy({ nonce, collabOrigin, development }: { nonce: string; collabOrigin: string; development: boolean }): string {
  const collabSocket = collabOrigin.replace(/^http/, "ws");
  return [
    "default-src 'self'",
    // 'strict-dynamic' lets Next's nonced bootstrap load its chunks; dev mode's fast refresh needs eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React's style attributes (presence colours, cursor positions) are inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self' ${collabOrigin} ${collabSocket}${development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** collab-server's origin as the browser reaches it: the same rule as resolveCollabUrl. */
export function collabOriginFor(publicCollabUrl: string | undefined, collabPort: string, pageProtocol: string, pageHostname: string): string {
  if (publicCollabUrl) return new URL(publicCollabUrl).origin;
  return `${pageProtocol}//${pageHostname}:${collabPort}`;
}
