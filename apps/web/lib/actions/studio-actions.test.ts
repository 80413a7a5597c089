import { describe, expect, it } from "vitest";
import { STUDIO_ACTIONS, actionFor, actionKeys, actionTitle, keyText, type KeyPress, type StudioCommands } from "./studio-actions";

/** Commands that record what was called, with or without a selected keyframe and review. */
function recorder(options: { keyframe?: boolean; review?: boolean } = {}) {
  const calls: string[] = [];
  const call = (name: string) => (...args: unknown[]) => void calls.push(args.length ? `${name}(${args.join(",")})` : name);
  const commands: StudioCommands = {
    step: call("step"),
    goToEnd: call("goToEnd"),
    togglePlay: call("togglePlay"),
    play: call("play"),
    pause: call("pause"),
    undo: call("undo"),
    redo: call("redo"),
    toggleShadows: call("toggleShadows"),
    toggleShortcuts: call("toggleShortcuts"),
    keyframe: options.keyframe ? { rename: call("rename"), remove: call("remove"), move: call("move"), deselect: call("deselect") } : null,
    review: options.review ? { comment: call("comment"), draw: call("draw"), markIn: call("markIn"), markOut: call("markOut"), note: call("note") } : null,
  };
  return { commands, calls };
}

const press = (key: string, modifiers: Partial<Omit<KeyPress, "key">> = {}): KeyPress => ({ key, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, ...modifiers });

function run(keys: KeyPress[], options?: { keyframe?: boolean; review?: boolean }): string[] {
  const { commands, calls } = recorder(options);
  for (const key of keys) actionFor(key, commands)?.run();
  return calls;
}

describe("the studio's action table", () => {
  it("binds Marrow's steps and the editor's transport keys", () => {
    expect(run([press("ArrowLeft"), press("ArrowRight", { shiftKey: true }), press("ArrowLeft", { altKey: true }), press("Home"), press("End")])).toEqual([
      "step(-1)",
      "step(10)",
      "step(-100)",
      "goToEnd(first)",
      "goToEnd(last)",
    ]);
    expect(run([press(" "), press("j"), press("k"), press("l"), press("s")])).toEqual(["togglePlay", "play(-1)", "pause", "play(1)", "toggleShadows"]);
    expect(run([press("z", { ctrlKey: true }), press("Z", { metaKey: true, shiftKey: true }), press("y", { ctrlKey: true }), press("?", { shiftKey: true })])).toEqual([
      "undo",
      "redo",
      "redo",
      "toggleShortcuts",
    ]);
  });

  it("offers keyframe and review keys only when there is a keyframe selected, or the role writes notes", () => {
    const keyframeKeys = [press("F2"), press("Delete"), press(","), press("."), press("Escape")];
    expect(run(keyframeKeys)).toEqual([]);
    expect(run(keyframeKeys, { keyframe: true })).toEqual(["rename", "remove", "move(-1)", "move(1)", "deselect"]);
    const reviewKeys = [press("c"), press("d"), press("i"), press("o"), press("["), press("]")];
    expect(run(reviewKeys)).toEqual([]);
    expect(run(reviewKeys, { review: true })).toEqual(["comment", "draw", "markIn", "markOut", "note(-1)", "note(1)"]);
  });

  it("leaves keys it does not bind, with other modifiers, or handled by the browser, alone", () => {
    const { commands } = recorder({ keyframe: true, review: true });
    for (const key of [press("Tab"), press("c", { ctrlKey: true }), press("s", { metaKey: true }), press("x"), press("ArrowUp")]) expect(actionFor(key, commands)).toBeNull();
  });

  it("gives every action an id of its own and no key to two actions, and writes keys for people", () => {
    expect(new Set(STUDIO_ACTIONS.map((a) => a.id)).size).toBe(STUDIO_ACTIONS.length);
    const bindings = STUDIO_ACTIONS.flatMap((a) => a.keys.map((k) => JSON.stringify([k.key, !!k.shift, !!k.alt, !!k.mod, !!k.ctrl])));
    expect(new Set(bindings).size).toBe(bindings.length);
    expect(keyText({ key: "ArrowLeft", shift: true })).toBe("Shift + ←");
    expect(keyText({ key: "z", mod: true, shift: true })).toBe("Ctrl/⌘ + Shift + Z");
    expect(actionKeys(STUDIO_ACTIONS.find((a) => a.id === "shortcuts")!)).toEqual(["?"]);
    expect(actionTitle("undo")).toBe("Undo your own last edit (Ctrl/⌘ + Z)");
    expect(() => actionTitle("nope")).toThrow(/no studio action "nope"/);
  });
});
