import type { Metadata } from "next";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { RoomStudio } from "@/components/RoomStudio";
import { ServiceProblem } from "@/components/ServiceProblem";
import { collabApi } from "@/lib/collab-api";
import { requireUser } from "@/lib/current-user";
import { publicCollabAddress } from "@/lib/public-collab-url";
import { threadSummaryPackSchema, unpackJson, type ThreadSummaryPack } from "@umbra/protocol";
import { MAX_BOOT_DOCUMENT, MAX_BOOT_NOTES, ROOM_BOOT_ID, roomBootJson, type RoomBoot } from "@/lib/room-client/room-boot";
import { LOCAL_NAME_COOKIE, roomNotesUrl } from "@/lib/room-notes-url";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ roomId: string }>;
}

/** One lookup of the room per request, shared by the title and the page. */
const getRoom = cache((roomId: string) => collabApi.getRoom(roomId));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const room = await getRoom((await params).roomId);
  return { title: room.ok ? `${room.value.name} · Umbra` : "Room · Umbra" };
}

/** A room's notes for the page itself, when it has at most MAX_BOOT_NOTES; null otherwise, or when they cannot be had now (the studio loads them). */
async function bootNotes(roomId: string, localName: string | null): Promise<ThreadSummaryPack | null> {
  const answer = await collabApi.threadSummaries(roomId, { as: localName ?? undefined, max: MAX_BOOT_NOTES });
  if (!(answer instanceof Response) || answer.status !== 200) return null;
  const pack = threadSummaryPackSchema.safeParse(await unpackJson(new Uint8Array(await answer.arrayBuffer())).catch(() => null));
  return pack.success ? pack.data : null;
}

export default async function RoomPage({ params }: Props) {
  const { roomId } = await params;
  // In local mode which notes are "yours" goes by this browser's name, which it keeps in a cookie.
  const localName = (await cookies()).get(LOCAL_NAME_COOKIE)?.value ?? null;
  // Asked together: each is a round trip to collab-server. Without a session the room and token answers go unused.
  const [user, room, token, document, notes] = await Promise.all([
    requireUser(`/rooms/${roomId}`),
    getRoom(roomId),
    collabApi.realtimeToken(roomId),
    collabApi.documentState(roomId),
    bootNotes(roomId, localName),
  ]);
  if (!user.ok) return <ServiceProblem message={user.message} />;
  // Rooms you are not a member of look exactly like rooms that do not exist.
  if (!room.ok && room.code === "ROOM_NOT_FOUND") notFound();
  if (!room.ok) return <ServiceProblem message={room.message} />;
  // The first realtime token comes with the page, so the studio connects without another round trip.
  // The document as it is now, so the chain shows in the page itself; the socket brings what changes after.
  const state = document.ok && document.value.state.length <= MAX_BOOT_DOCUMENT ? document.value.state : null;
  // A small room's notes are in the page; a larger room's load while the studio's code does (the preload below).
  const notesUrl = roomNotesUrl(roomId, user.me.open ? localName : null);
  const boot: RoomBoot = { roomId, role: room.value.role, collab: publicCollabAddress(), token: token.ok ? token.value : null, me: user.me, document: state, notes, notesUrl };
  return (
    <>
      {/* Read by the studio's code as soon as it loads, so its sockets open while React hydrates (lib/room-client/early-connections.ts). */}
      <script type="application/json" id={ROOM_BOOT_ID} dangerouslySetInnerHTML={{ __html: roomBootJson(boot) }} />
      {/* The browser starts on a large room's notes here, while the studio's code loads; the studio's own fetch of them is answered from this. */}
      {notes === null && <link rel="preload" href={notesUrl} as="fetch" crossOrigin="anonymous" />}
      <RoomStudio room={room.value} me={user.me} collab={boot.collab} token={boot.token} document={state} notes={notes} />
    </>
  );
}
