import Link from "next/link";
import type { Room } from "@umbra/protocol";
import { RoleBadge } from "./RoleBadge";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" });

export function RoomList({ rooms }: { rooms: Room[] }) {
  if (rooms.length === 0) {
    return (
      <div className="rounded-2xl border border-dashed border-ink-700 p-10 text-center text-sm text-ink-400">
        No rooms yet. Create one to start exploring the latent space with your team.
      </div>
    );
  }
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Rooms">
      {rooms.map((room) => (
        <li key={room.id}>
          <Link
            href={`/rooms/${room.id}`}
            className="group block rounded-2xl border border-ink-700 bg-ink-900 p-4 transition hover:border-accent-500/60 hover:bg-ink-800"
          >
            <div className="flex items-center justify-between gap-2">
              <span className="truncate font-medium text-white group-hover:text-accent-400" title={room.name}>
                {room.name}
              </span>
              <RoleBadge role={room.role} />
            </div>
            <div className="mt-1 flex flex-wrap items-center justify-between gap-x-3 text-xs text-ink-400">
              <span>{room.model}</span>
              <time dateTime={room.createdAt} className="whitespace-nowrap">{dateFormat.format(new Date(room.createdAt))}</time>
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}
