import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { RoomDoc } from "@umbra/doc";
import { attributeChanges, personColour } from "./change-attribution";

describe("who changed each keyframe between two versions", () => {
  it("gives each step's changes to the people who edited in it, and nothing unchanged to anyone", () => {
    const room = new RoomDoc(new Y.Doc());
    const chain = room.addChain({ name: "Walk" });
    const [a, b, c] = [1, 2, 3].map((seed) => room.addKeyframe(chain, { seed })!);
    const start = room.chains();
    room.setTransition(chain, a!, { frames: 30 });
    const afterAna = room.chains();
    room.removeKeyframe(chain, c!);
    room.relabelKeyframe(chain, a!, "turn");
    const afterBen = room.chains();
    const ana = { id: "u1", name: "Ana" };
    const ben = { id: "u2", name: "Ben" };
    const people = attributeChanges(start, [
      { chains: afterAna, by: [ana] },
      { chains: afterBen, by: [ben] },
    ]);
    expect(people[a!]).toEqual([ana, ben]);
    expect(people[c!]).toEqual([ben]);
    expect(people[b!]).toBeUndefined();
    expect(personColour("Ana")).toBe(personColour("Ana"));
    expect(personColour("Ana")).toMatch(/^#[0-9a-f]{6}$/);
  });
});
