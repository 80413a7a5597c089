import { CreateRoomForm } from "@/components/CreateRoomForm";
import { RoomList } from "@/components/RoomList";
import { ServiceProblem } from "@/components/ServiceProblem";
import { collabApi } from "@/lib/collab-api";
import { requireUser } from "@/lib/current-user";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await requireUser("/");
  const rooms = user.ok ? await collabApi.listRooms() : null;
  // Models of the workers connected now; without any, rooms get the built-in one.
  const models = user.ok ? await collabApi.models() : null;
  return (
    <div className="grid gap-10 lg:grid-cols-[360px_1fr]">
      <section className="flex flex-col gap-4">
        <h1 className="text-2xl font-semibold tracking-tight text-white">Rooms</h1>
        <p className="text-sm leading-relaxed text-ink-400">
          A room is a shared studio: everyone in it sees the same generated frames at the same moment. You own the rooms you create and decide who
          else gets in.
        </p>
        <CreateRoomForm models={models?.ok ? models.value.models.map((m) => m.id) : []} />
      </section>
      <section aria-label="Your rooms" className="flex flex-col gap-4">
        <h2 className="text-sm font-medium uppercase tracking-wider text-ink-400">Your rooms</h2>
        {!user.ok ? (
          <ServiceProblem message={user.message} />
        ) : rooms?.ok ? (
          <RoomList rooms={rooms.value.rooms} />
        ) : (
          <ServiceProblem message={rooms?.message ?? "could not list rooms"} />
        )}
      </section>
    </div>
  );
}
