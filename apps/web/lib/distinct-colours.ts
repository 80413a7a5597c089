/** Colours people can take in a room: far apart, and readable on the dark studio. */
export const PEOPLE_COLOURS = ["#f472b6", "#38bdf8", "#4ade80", "#facc15", "#fb923c", "#a78bfa", "#f87171", "#2dd4bf", "#e879f9", "#a3e635"] as const;

/**
 * Gives everyone in a room a colour no one else shows. Each keeps the colour they
 * chose unless someone who joined earlier (a lower client id: the same order in
 * every browser) has it; then they show the next free one. Every browser computes
 * the same answer from the same presence, so nobody has to renegotiate.
 */
export function distinctColours(people: readonly { clientId: number; color: string }[]): Map<number, string> {
  const taken = new Set<string>();
  const shown = new Map<number, string>();
  for (const person of [...people].sort((a, b) => a.clientId - b.clientId)) {
    const free = taken.has(person.color) ? PEOPLE_COLOURS.find((c) => !taken.has(c)) : person.color;
    // More people than colours: repeats are unavoidable, so keep their own.
    const colour = free ?? person.color;
    taken.add(colour);
    shown.set(person.clientId, colour);
  }
  return shown;
}
