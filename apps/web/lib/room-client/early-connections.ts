import { localIdentity } from "../local-identity";
import { resolveCollabUrl } from "../public-collab-url";
import { realtimeTokens } from "../realtime-token";
import { RoomConnection } from "./room-connection";
import { RoomDocConnection } from "./room-doc-connection";
import { ROOM_BOOT_ID, documentBytes, roomBootSchema } from "./room-boot";

/** A connection opened before anyone could hear that access was lost: it keeps the news until adopted. */
interface Early<C> {
  key: string;
  connection: C;
  lost: string | null;
  hear: ((message: string) => void) | null;
}

const waiting: { frames: Early<RoomConnection> | null; doc: Early<RoomDocConnection> | null } = { frames: null, doc: null };

function early<C>(key: string, open: (onAccessLost: (message: string) => void) => C): Early<C> {
  const news: Pick<Early<C>, "lost" | "hear"> = { lost: null, hear: null };
  const connection = open((message) => (news.hear ? news.hear(message) : (news.lost = message)));
  return Object.assign(news, { key, connection });
}

const framesKey = (collabUrl: string, roomId: string) => `${collabUrl}\u0000${roomId}`;
const docKey = (collabUrl: string, roomId: string, userId: string, role: string) => `${collabUrl}\u0000${roomId}\u0000${userId}\u0000${role}`;

/**
 * Opens the room's two connections as soon as the studio's code is evaluated, before
 * React has hydrated the page (which takes longer than connecting): from the boot
 * data the room page writes. The studio's hooks adopt them when they would open
 * their own. Does nothing on other pages, and says why when the data is unreadable.
 */
function openEarly(): void {
  const element = document.getElementById(ROOM_BOOT_ID);
  if (!element) return;
  let boot;
  try {
    boot = roomBootSchema.parse(JSON.parse(element.textContent ?? ""));
  } catch (error) {
    console.warn(`Umbra: the room page's boot data is unreadable, so the studio connects after loading: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const { roomId, role, me, token } = boot;
  const collabUrl = resolveCollabUrl(boot.collab, window.location);
  // In local mode everyone is the one local user: presence and notes show this browser's own name and colour.
  const identity = me.open ? localIdentity() : null;
  const signedAs = identity ? { name: identity.name, color: identity.color } : null;
  waiting.frames = early(framesKey(collabUrl, roomId), (onAccessLost) => new RoomConnection({ collabUrl, roomId, tokens: realtimeTokens(roomId, token), onAccessLost, signedAs, notes: boot.notes, notesUrl: boot.notesUrl }));
  const user = { id: me.user.id, name: identity?.name ?? me.user.displayName, color: identity?.color ?? me.user.color, role };
  waiting.doc = early(docKey(collabUrl, roomId, me.user.id, role), (onAccessLost) => new RoomDocConnection({ collabUrl, roomId, tokens: realtimeTokens(roomId, token), user, onAccessLost, ...(boot.document ? { initialState: documentBytes(boot.document) } : {}) }));
}

/**
 * The early frames connection for this collab URL and room, now the caller's (it
 * hears `onAccessLost`, at once if access was lost already); null when there is none.
 */
export function adoptEarlyFrames(collabUrl: string, roomId: string, onAccessLost: (message: string) => void): RoomConnection | null {
  const entry = waiting.frames;
  waiting.frames = null;
  return adopt(entry, framesKey(collabUrl, roomId), onAccessLost);
}

/** The early document connection for this collab URL, room, person and role, as adoptEarlyFrames. */
export function adoptEarlyDoc(collabUrl: string, roomId: string, userId: string, role: string, onAccessLost: (message: string) => void): RoomDocConnection | null {
  const entry = waiting.doc;
  waiting.doc = null;
  return adopt(entry, docKey(collabUrl, roomId, userId, role), onAccessLost);
}

/** One left for another key is closed: nobody will adopt it. */
function adopt<C extends { close(): void }>(entry: Early<C> | null, key: string, onAccessLost: (message: string) => void): C | null {
  if (!entry) return null;
  if (entry.key !== key) {
    entry.connection.close();
    return null;
  }
  entry.hear = onAccessLost;
  if (entry.lost !== null) onAccessLost(entry.lost);
  return entry.connection;
}

if (typeof document !== "undefined") openEarly();
