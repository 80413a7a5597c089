/**
 * The studio's one table of commands that have keys: each action's id, what it is
 * called, its keys, when it may run, and what it does. The keyboard, the buttons'
 * titles and the "?" sheet are all read from here; a new shortcut is one entry.
 * React-free, so it is tested without a browser. Model: Excalidraw's action registry.
 */

/** What the actions act on: the studio's commands, as its panels wire them. */
export interface StudioCommands {
  step(delta: number): void;
  /** Home and End: the chain's first and last frame. */
  goToEnd(end: "first" | "last"): void;
  togglePlay(): void;
  /** J and L play backward and forward, K stops (Premiere's shuttle keys). */
  play(direction: 1 | -1): void;
  pause(): void;
  undo(): void;
  redo(): void;
  toggleShadows(): void;
  toggleShortcuts(): void;
  /** On the selected keyframe, when there is one. */
  keyframe: { rename(): void; remove(): void; move(delta: -1 | 1): void; deselect(): void } | null;
  /** Review, for commenters and up. */
  review: { comment(): void; draw(): void; markIn(): void; markOut(): void; note(direction: -1 | 1): void } | null;
}

/** One key as the table writes it: `key` is KeyboardEvent.key (letters lower-case); modifiers must match exactly. */
export interface KeyBinding {
  key: string;
  shift?: boolean;
  alt?: boolean;
  /** Ctrl, or ⌘ on a Mac. */
  mod?: boolean;
  /** Ctrl alone (Ctrl+Y, which ⌘ does not mean on a Mac). */
  ctrl?: boolean;
}

export interface StudioAction {
  id: string;
  /** What it does, as the "?" sheet and button titles say it. */
  label: string;
  keys: readonly KeyBinding[];
  /** Whether it may run now; absent: always. */
  enabled?: (commands: StudioCommands) => boolean;
  /** Absent for keys the browser itself handles (Tab); they are listed, never intercepted. */
  perform?: (commands: StudioCommands, press: KeyPress) => void;
}

/** The parts of a key event the table matches on. */
export type KeyPress = Pick<KeyboardEvent, "key" | "shiftKey" | "altKey" | "ctrlKey" | "metaKey">;

const hasKeyframe = (c: StudioCommands) => c.keyframe !== null;
/** The arrows step by `size`: ← back, → forward. */
const stepBy = (size: number) => (c: StudioCommands, press: KeyPress) => c.step(press.key === "ArrowLeft" ? -size : size);
const mayReview = (c: StudioCommands) => c.review !== null;

export const STUDIO_ACTIONS: readonly StudioAction[] = [
  { id: "step-1", label: "Step one frame back or forward", keys: [{ key: "ArrowLeft" }, { key: "ArrowRight" }], perform: stepBy(1) },
  { id: "step-10", label: "Step 10 frames", keys: [{ key: "ArrowLeft", shift: true }, { key: "ArrowRight", shift: true }], perform: stepBy(10) },
  { id: "step-100", label: "Step 100 frames", keys: [{ key: "ArrowLeft", alt: true }, { key: "ArrowRight", alt: true }], perform: stepBy(100) },
  { id: "first-frame", label: "Go to the chain's first frame", keys: [{ key: "Home" }], perform: (c) => c.goToEnd("first") },
  { id: "last-frame", label: "Go to the chain's last frame", keys: [{ key: "End" }], perform: (c) => c.goToEnd("last") },
  { id: "play-pause", label: "Play or pause at the chain's fps", keys: [{ key: " " }], perform: (c) => c.togglePlay() },
  { id: "play-backward", label: "Play backward", keys: [{ key: "j" }], perform: (c) => c.play(-1) },
  { id: "stop", label: "Stop", keys: [{ key: "k" }], perform: (c) => c.pause() },
  { id: "play-forward", label: "Play forward", keys: [{ key: "l" }], perform: (c) => c.play(1) },
  { id: "next-keyframe", label: "Select the next keyframe (a click selects one too)", keys: [{ key: "Tab" }] },
  { id: "rename-keyframe", label: "Rename the selected keyframe", keys: [{ key: "F2" }], enabled: hasKeyframe, perform: (c) => c.keyframe!.rename() },
  { id: "remove-keyframe", label: "Remove the selected keyframe (undo brings it back)", keys: [{ key: "Delete" }, { key: "Backspace" }], enabled: hasKeyframe, perform: (c) => c.keyframe!.remove() },
  { id: "keyframe-earlier", label: "Move the selected keyframe earlier", keys: [{ key: "," }], enabled: hasKeyframe, perform: (c) => c.keyframe!.move(-1) },
  { id: "keyframe-later", label: "Move the selected keyframe later", keys: [{ key: "." }], enabled: hasKeyframe, perform: (c) => c.keyframe!.move(1) },
  { id: "deselect-keyframe", label: "Clear the keyframe selection", keys: [{ key: "Escape" }], enabled: hasKeyframe, perform: (c) => c.keyframe!.deselect() },
  { id: "shadows", label: "Switch between the colour and Shadows views", keys: [{ key: "s" }], perform: (c) => c.toggleShadows() },
  { id: "write-note", label: "Write a note on the frame on screen (click the frame to pin a spot)", keys: [{ key: "c" }], enabled: mayReview, perform: (c) => c.review!.comment() },
  { id: "mark-in", label: "Mark where a note's range starts", keys: [{ key: "i" }], enabled: mayReview, perform: (c) => c.review!.markIn() },
  { id: "mark-out", label: "Mark where a note's range ends", keys: [{ key: "o" }], enabled: mayReview, perform: (c) => c.review!.markOut() },
  { id: "previous-note", label: "Go to the previous note", keys: [{ key: "[" }], enabled: mayReview, perform: (c) => c.review!.note(-1) },
  { id: "next-note", label: "Go to the next note", keys: [{ key: "]" }], enabled: mayReview, perform: (c) => c.review!.note(1) },
  { id: "draw", label: "Draw on the open note's frame, or stop drawing", keys: [{ key: "d" }], enabled: mayReview, perform: (c) => c.review!.draw() },
  { id: "undo", label: "Undo your own last edit", keys: [{ key: "z", mod: true }], perform: (c) => c.undo() },
  { id: "redo", label: "Redo", keys: [{ key: "z", mod: true, shift: true }, { key: "y", ctrl: true }], perform: (c) => c.redo() },
  { id: "shortcuts", label: "Show or hide this sheet", keys: [{ key: "?", shift: true }, { key: "?" }], perform: (c) => c.toggleShortcuts() },
];

function matches(binding: KeyBinding, press: KeyPress): boolean {
  const mod = press.ctrlKey || press.metaKey;
  if (binding.ctrl ? !press.ctrlKey || press.metaKey : Boolean(binding.mod) !== mod) return false;
  if (Boolean(binding.alt) !== press.altKey) return false;
  // "?" is Shift+/ on most layouts and a key of its own on others: its binding says which it accepts.
  if (Boolean(binding.shift) !== press.shiftKey) return false;
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  return key === binding.key;
}

/** The action a key press means now, if any: the first in the table whose key matches and that may run. */
export function actionFor(press: KeyPress, commands: StudioCommands): { action: StudioAction; run: () => void } | null {
  for (const action of STUDIO_ACTIONS) {
    const binding = action.keys.find((k) => matches(k, press));
    if (!binding || (action.enabled && !action.enabled(commands))) continue;
    const perform = action.perform;
    return perform ? { action, run: () => perform(commands, press) } : null;
  }
  return null;
}

const NAMES: Record<string, string> = { ArrowLeft: "←", ArrowRight: "→", " ": "Space", Escape: "Esc" };

/** How a key is written for people: "Shift + ←", "Ctrl/⌘ + Z". */
export function keyText(binding: KeyBinding): string {
  const name = NAMES[binding.key] ?? (binding.key.length === 1 ? binding.key.toUpperCase() : binding.key);
  // "?" carries its own Shift: writing it again would say Shift+Shift+/.
  const shift = binding.shift && binding.key !== "?";
  return [binding.mod ? "Ctrl/⌘" : binding.ctrl ? "Ctrl" : null, shift ? "Shift" : null, binding.alt ? "Alt" : null, name].filter(Boolean).join(" + ");
}

/** An action's keys as the "?" sheet lists them, each once. */
export function actionKeys(action: StudioAction): string[] {
  return [...new Set(action.keys.map(keyText))];
}

/** A button's title: what the action does and its first key, "Undo your own last edit (Ctrl/⌘ + Z)". */
export function actionTitle(id: string): string {
  const action = STUDIO_ACTIONS.find((a) => a.id === id);
  if (!action) throw new Error(`no studio action "${id}"`);
  return `${action.label} (${keyText(action.keys[0]!)})`;
}
