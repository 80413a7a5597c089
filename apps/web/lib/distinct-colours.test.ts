import { describe, expect, it } from "vitest";
import { PEOPLE_COLOURS, distinctColours } from "./distinct-colours";

describe("distinctColours", () => {
  it("keeps everyone's own colour when nobody shares it", () => {
    expect(distinctColours([{ clientId: 2, color: "#111111" }, { clientId: 1, color: "#222222" }])).toEqual(new Map([[1, "#222222"], [2, "#111111"]]));
  });

  it("gives the later of two people with one colour the next free one, in any order of arrival", () => {
    const people = [{ clientId: 9, color: PEOPLE_COLOURS[0] }, { clientId: 3, color: PEOPLE_COLOURS[0] }, { clientId: 5, color: PEOPLE_COLOURS[1] }];
    const shown = distinctColours(people);
    expect(shown.get(3)).toBe(PEOPLE_COLOURS[0]);
    expect(shown.get(5)).toBe(PEOPLE_COLOURS[1]);
    expect(shown.get(9)).toBe(PEOPLE_COLOURS[2]);
    expect(distinctColours([...people].reverse())).toEqual(shown);
  });

  it("repeats only when there are more people than colours", () => {
    const crowd = Array.from({ length: PEOPLE_COLOURS.length + 2 }, (_, i) => ({ clientId: i, color: PEOPLE_COLOURS[0] }));
    const colours = [...distinctColours(crowd).values()];
    expect(new Set(colours.slice(0, PEOPLE_COLOURS.length)).size).toBe(PEOPLE_COLOURS.length);
  });
});
