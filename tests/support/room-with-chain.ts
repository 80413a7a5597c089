// A room for a browser test or measurement: one chain of two keyframes, written by an editor
// connection that the caller closes when it has written what else it needs.
import { RoomDoc, type Chain } from "@umbra/doc";
import type { Room } from "@umbra/protocol";
import type { Studio } from "./studio.js";
import { connectDoc } from "./yjs-client.js";

/** A room on `model` (null: the server's default, as a new room has it) whose one chain is `frames` frames long, from seed `seeds[0]` to `seeds[1]`. */
export async function roomWithChain(studio: Studio, name: string, options: { model?: string | null; frames: number; seeds: [number, number] }): Promise<{ room: Room; chain: Chain; editor: ReturnType<typeof connectDoc> }> {
  const room = await studio.stack.api.createRoom(name, { model: options.model });
  const editor = connectDoc(studio.stack.collab.url, room.id, await studio.stack.api.realtimeToken(room.id));
  await editor.synced;
  const doc = new RoomDoc(editor.doc);
  const chainId = doc.addChain();
  const first = doc.addKeyframe(chainId, { seed: options.seeds[0] })!;
  doc.addKeyframe(chainId, { seed: options.seeds[1] });
  doc.setTransition(chainId, first, { frames: options.frames - 1 });
  return { room, chain: doc.chain(chainId)!, editor };
}
