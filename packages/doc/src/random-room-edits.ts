// Seeded random edits of a room, for tests that show a property holds whatever people do.
import type { RoomDoc } from "./room-doc.js";

/** A small seeded generator (mulberry32), so a failing case can be replayed. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One random edit of the room, of the kinds people make between versions. */
export function randomEdit(room: RoomDoc, random: () => number): void {
  const chains = room.chains();
  const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const chain = pick(chains);
  const keyframe = chain && pick(chain.keyframes);
  switch (Math.floor(random() * 8)) {
    case 0:
      room.addChain({ name: `Chain ${Math.floor(random() * 100)}` });
      break;
    case 1:
      if (chain) room.deleteChain(chain.id);
      break;
    case 2:
      if (chain) room.addKeyframe(chain.id, { seed: Math.floor(random() * 1000) }, { at: Math.floor(random() * 4) });
      break;
    case 3:
      if (chain && keyframe) room.removeKeyframe(chain.id, keyframe.id);
      break;
    case 4:
      if (chain && keyframe) room.moveKeyframe(chain.id, keyframe.id, Math.floor(random() * chain.keyframes.length));
      break;
    case 5:
      if (chain && keyframe) room.setTransition(chain.id, keyframe.id, { frames: 1 + Math.floor(random() * 100), easing: random() < 0.5 ? "linear" : "ease-in-out" });
      break;
    case 6:
      if (chain && keyframe) room.setKeyframeLatent(chain.id, keyframe.id, { seed: Math.floor(random() * 1000) });
      break;
    default:
      if (chain) room.renameChain(chain.id, `Renamed ${Math.floor(random() * 100)}`);
      room.setRoomTruncation(random() < 0.5 ? null : 0.7);
  }
}
