import { diffChains, type Chain } from "@umbra/doc";
import type { VersionPerson } from "@umbra/protocol";
import { PEOPLE_COLOURS } from "./distinct-colours";

/** One version after another: its chains, and who edited the room since the version before it. */
export interface EditStep {
  chains: Chain[];
  by: VersionPerson[];
}

/**
 * Who changed each keyframe (by id) from `start` through `steps`: each step's changes
 * (keyframes added, removed, changed or moved, and the transitions leaving them
 * re-timed or eased) go to the people who edited in that step.
 */
export function attributeChanges(start: readonly Chain[], steps: readonly EditStep[]): Record<string, VersionPerson[]> {
  const people: Record<string, VersionPerson[]> = {};
  let before = start;
  for (const step of steps) {
    for (const diff of diffChains(before, step.chains)) {
      const { added, removed, changed, moved } = diff.keyframes;
      for (const id of [...added, ...removed, ...changed, ...moved, ...diff.retimed.map((r) => r.fromKeyframeId), ...diff.reshaped]) {
        const known = (people[id] ??= []);
        for (const person of step.by) if (!known.some((p) => p.id === person.id && p.name === person.name)) known.push(person);
      }
    }
    before = step.chains;
  }
  return people;
}

/** A person's colour in comparisons, the same for a name wherever it shows. */
export function personColour(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PEOPLE_COLOURS[hash % PEOPLE_COLOURS.length]!;
}
