import { describe, expect, it } from "vitest";
import { can, ROLES, type Action } from "./roles.js";

describe("role permissions", () => {
  it("grants each role exactly the actions the product allows", () => {
    const table = Object.fromEntries(
      ROLES.map((role) => [role, (["render", "comment", "edit", "export", "manage"] as Action[]).filter((a) => can(role, a))]),
    );
    expect(table).toEqual({
      owner: ["render", "comment", "edit", "export", "manage"],
      editor: ["render", "comment", "edit", "export"],
      commenter: ["render", "comment"],
      viewer: ["render"],
    });
  });
});
