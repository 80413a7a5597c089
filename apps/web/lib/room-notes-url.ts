/**
 * In local mode this browser's name also goes in a cookie: the room page has the
 * browser fetch the room's notes before the studio's code runs, and which of them
 * are "yours" (unread, mentions) depends on that name.
 */
export const LOCAL_NAME_COOKIE = "umbra-local-name";

/** Where the studio fetches every note's summary of a room, as `localName` (local mode) sees them. */
export function roomNotesUrl(roomId: string, localName: string | null): string {
  const path = `/rooms/${encodeURIComponent(roomId)}/notes/summaries`;
  return localName ? `${path}?as=${encodeURIComponent(localName)}` : path;
}
