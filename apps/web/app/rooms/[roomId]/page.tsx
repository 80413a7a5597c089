import type { Metadata } from "next";
import { cache } from "react";
import { notFound } from "next/navigation";
import { RoomStudio } from "@/components/RoomStudio";
import { ServiceProblem } from "@/components/ServiceProblem";
import { collabApi } from "@/lib/collab-api";
import { requireUser } from "@/lib/current-user";
import { publicCollabAddress } from "@/lib/public-collab-url";
import { MAX_BOOT_DOCUMENT, ROOM_BOOT_ID, roomBootJson, type RoomBoot } from "@/lib/room-client/room-boot";

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

export default async function RoomPage({ params }: Props) {
  const { roomId } = await params;
  // Asked together: each is a round trip to collab-server. Without a session the room and token answers go unused.
  const [user, room, token, document] = await Promise.all([requireUser(`/rooms/${roomId}`), getRoom(roomId), collabApi.realtimeToken(roomId), collabApi.documentState(roomId)]);
  if (!user.ok) return <ServiceProblem message={user.message} />;
  // Rooms you are not a member of look exactly like rooms that do not exist.
  if (!room.ok && room.code === "ROOM_NOT_FOUND") notFound();
  if (!room.ok) return <ServiceProblem message={room.message} />;
  // The first realtime token comes with the page, so the studio connects without another round trip.
  // The document as it is now, so the chain shows in the page itself; the socket brings what changes after.
  const state = document.ok && document.value.state.length <= MAX_BOOT_DOCUMENT ? document.value.state : null;
  const boot: RoomBoot = { roomId, role: room.value.role, collab: publicCollabAddress(), token: token.ok ? token.value : null, me: user.me, document: state };
  return (
    <>
      {/* Read by the studio's code as soon as it loads, so its sockets open while React hydrates (lib/room-client/early-connections.ts). */}
      <script type="application/json" id={ROOM_BOOT_ID} dangerouslySetInnerHTML={{ __html: roomBootJson(boot) }} />
      <RoomStudio room={room.value} me={user.me} collab={boot.collab} token={boot.token} document={state} />
    </>
  );
}
