// What checking an editor's update against the document schema costs collab-server:
// the UpdateValidator's work per update (apply to the replica, check what changed),
// next to applying the same update to the room, on a room of 20 chains × 50 keyframes.
import * as Y from "yjs";
import { UpdateValidator } from "@umbra/collab-server";
import { RoomDoc } from "@umbra/doc";
import { SeededRandom } from "@umbra/latent";
import { percentile } from "./bench-results.js";

export const ROOM_CHAINS = 20;
export const ROOM_KEYFRAMES = 50;
const UPDATES = 3000;

export interface ValidateFigures {
  p50us: number;
  p99us: number;
  /** Applying the same updates to the room, for scale. */
  applyP99us: number;
  updates: number;
}

function microseconds(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1000;
}

export function measureValidate(): ValidateFigures {
  const room = new Y.Doc();
  const editor = new Y.Doc();
  const editing = new RoomDoc(editor);
  for (let c = 0; c < ROOM_CHAINS; c++) {
    const chain = editing.addChain({ name: `Chain ${c}` });
    for (let k = 0; k < ROOM_KEYFRAMES; k++) {
      const id = editing.addKeyframe(chain, { seed: c * 1000 + k }, { label: `k${k}` })!;
      editing.setTransition(chain, id, { frames: 12 + k, easing: "ease-in-out" });
    }
  }
  Y.applyUpdate(room, Y.encodeStateAsUpdate(editor));
  const validator = new UpdateValidator(room);

  // The edits people make all day: re-time, relabel, re-seed, add, move, remove, rename.
  const random = new SeededRandom(11);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random.uniform() * items.length)]!;
  const updates: Uint8Array[] = [];
  editor.on("update", (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < UPDATES; i++) {
    const chain = pick(editing.chains());
    const keyframe = pick(chain.keyframes);
    const edit = pick(["frames", "frames", "label", "seed", "add", "move", "remove", "rename"]);
    if (edit === "frames") editing.setTransition(chain.id, keyframe.id, { frames: 1 + (i % 300) });
    else if (edit === "label") editing.relabelKeyframe(chain.id, keyframe.id, `label ${i}`);
    else if (edit === "seed") editing.setKeyframeLatent(chain.id, keyframe.id, { seed: i });
    else if (edit === "add") editing.addKeyframe(chain.id, { seed: i }, { at: Math.floor(random.uniform() * chain.keyframes.length) });
    else if (edit === "move") editing.moveKeyframe(chain.id, keyframe.id, Math.floor(random.uniform() * chain.keyframes.length));
    else if (edit === "remove" && chain.keyframes.length > ROOM_KEYFRAMES / 2) editing.removeKeyframe(chain.id, keyframe.id);
    else editing.renameChain(chain.id, `Chain ${i}`);
  }

  const check: number[] = [];
  const apply: number[] = [];
  for (const update of updates) {
    let start = process.hrtime.bigint();
    const problem = validator.check(update);
    check.push(microseconds(start));
    if (problem) throw new Error(`a valid edit was refused: ${problem.path}: ${problem.message}`);
    start = process.hrtime.bigint();
    Y.applyUpdate(room, update);
    apply.push(microseconds(start));
  }
  validator.destroy();
  return { p50us: percentile(check, 50), p99us: percentile(check, 99), applyP99us: percentile(apply, 99), updates: updates.length };
}
