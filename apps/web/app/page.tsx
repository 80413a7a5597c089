import { CreateRoomForm } from "@/components/CreateRoomForm";
import { RoomList } from "@/components/RoomList";
import { listRooms } from "@/lib/collab-api";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const rooms = await listRooms().then(
    (list) => ({ ok: true as const, list }),
    (error: unknown) => ({ ok: false as const, message: error instanceof Error ? error.message : String(error) }),
  );
  return (
    <div className="grid gap-10 lg:grid-cols-[360px_1fr]">
      <section className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold tracking-tight text-white">Rooms</h1>
        <p className="text-sm leading-relaxed text-ink-400">
          A room is a shared studio: everyone in it sees the same generated frames at the same moment.
        </p>
        <CreateRoomForm />
      </section>
      <section aria-label="Your rooms" className="flex flex-col gap-4">
        <h2 className="text-sm font-medium uppercase tracking-wider text-ink-400">Recent</h2>
        {rooms.ok ? (
          <RoomList rooms={rooms.list} />
        ) : (
          <p role="alert" className="rounded-xl border border-rose-900 bg-rose-950/40 p-4 text-sm text-rose-300">
            {rooms.message}
          </p>
        )}
      </section>
    </div>
  );
}
