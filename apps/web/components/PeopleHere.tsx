import type { User } from "@umbra/protocol";
import type { Peer } from "@/lib/use-room-doc";

/** Small avatars of who is in the room right now, this person first. */
export function PeopleHere({ me, peers }: { me: User; peers: Peer[] }) {
  const people = [{ key: "me", name: `${me.displayName} (you)`, color: me.color, role: null }, ...peers.map((p) => ({ key: String(p.clientId), name: p.state.user.name, color: p.state.user.color, role: p.state.user.role }))];
  return (
    <ul className="flex -space-x-1.5" aria-label="People in this room" data-testid="people-here">
      {people.map((person) => (
        <li
          key={person.key}
          title={person.role ? `${person.name} · ${person.role}` : person.name}
          className="flex h-7 w-7 items-center justify-center rounded-full border-2 border-ink-950 text-xs font-semibold uppercase text-black"
          style={{ backgroundColor: person.color }}
        >
          {person.name.slice(0, 1)}
        </li>
      ))}
    </ul>
  );
}
