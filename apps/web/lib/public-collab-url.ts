/**
 * The collab-server URL as the browser sees it: UMBRA_PUBLIC_COLLAB_URL when set,
 * else the page's own host on COLLAB_PORT (what `npm start` runs).
 */
export interface PublicCollabAddress {
  url: string | null;
  port: string;
}

export function publicCollabAddress(): PublicCollabAddress {
  return { url: process.env.UMBRA_PUBLIC_COLLAB_URL ?? null, port: process.env.COLLAB_PORT ?? "3001" };
}

export function resolveCollabUrl(address: PublicCollabAddress, location: Location): string {
  return address.url ?? `${location.protocol}//${location.hostname}:${address.port}`;
}
