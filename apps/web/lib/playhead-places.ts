import { locateFrame, type Chain } from "@umbra/doc";

/** The index of the keyframe whose own frame is `frame`, or -1 between keyframes. */
export function keyframeIndexAt(chain: Chain | null, frame: number): number {
  const at = chain ? locateFrame(chain, frame) : null;
  return at && at.local === 0 ? at.transition : -1;
}

/** The transition under the playhead (the last one on the chain's final frame), or null when the chain has none. */
export function transitionAt(chain: Chain | null, frame: number): number | null {
  if (!chain || chain.keyframes.length < 2) return null;
  const at = locateFrame(chain, frame);
  return at && at.transition < chain.keyframes.length - 1 ? at.transition : chain.keyframes.length - 2;
}
