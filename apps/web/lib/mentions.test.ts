import { describe, expect, it } from "vitest";
import { mentionQuery, mentionsIn, splitMentions } from "./mentions";

const members = [
  { id: "1", name: "Ada" },
  { id: "2", name: "Ada Lovelace" },
  { id: "3", name: "Bo" },
];

describe("mentions", () => {
  it("finds who is mentioned by name, and nobody else", () => {
    expect(mentionsIn("less of that, @Bo and @Ada Lovelace", members).sort()).toEqual(["2", "3"]);
    expect(mentionsIn("email bo@example.com", members)).toEqual([]);
  });

  it("sees the mention being typed just before the caret", () => {
    expect(mentionQuery("hi @Ad", 6)).toBe("Ad");
    expect(mentionQuery("hi @", 4)).toBe("");
    expect(mentionQuery("hi @Ada Lo", 10)).toBe("Ada Lo");
    expect(mentionQuery("hi @Ada\nthere", 13)).toBeNull();
    expect(mentionQuery("mail@x", 6)).toBeNull();
  });

  it("splits text into plain runs and mentions, longest name first, never as markup", () => {
    expect(splitMentions("<b>@Ada Lovelace</b> and @Bo", ["Ada", "Ada Lovelace", "Bo"])).toEqual([
      { text: "<b>", mention: false },
      { text: "@Ada Lovelace", mention: true },
      { text: "</b> and ", mention: false },
      { text: "@Bo", mention: true },
    ]);
  });
});
