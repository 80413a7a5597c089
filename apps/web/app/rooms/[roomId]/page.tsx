import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RoomStudio } from "@/components/RoomStudio";
import { getRoom } from "@/lib/collab-api";
import { publicCollabAddress } from "@/lib/public-collab-url";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ roomId: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const room = await getRoom((await params).roomId);
  return { title: room ? `${room.name} · Umbra` : "Room not found · Umbra" };
}

export default async function RoomPage({ params }: Props) {
  const room = await getRoom((await params).roomId);
  if (!room) notFound();
  return <RoomStudio room={room} collab={publicCollabAddress()} />;
}
