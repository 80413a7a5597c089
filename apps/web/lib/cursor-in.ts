import type { Cursor } from "@umbra/protocol";

/** The pointer of an event in its element's 0..1 units both ways (clamped), as shared presence carries it. */
export function cursorIn(event: { clientX: number; clientY: number; currentTarget: Element }, area: Cursor["area"]): Cursor {
  const box = event.currentTarget.getBoundingClientRect();
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return { area, x: clamp((event.clientX - box.left) / box.width), y: clamp((event.clientY - box.top) / box.height) };
}
