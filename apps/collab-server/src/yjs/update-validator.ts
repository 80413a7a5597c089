import * as Y from "yjs";
import { findChangedProblem, typeRoomRoots, type DocProblem } from "@umbra/doc";

/**
 * Tries each peer update on a replica of a room's document before the room takes it:
 * what the update's transaction changed is checked against the document schema, so
 * an update that would break it is refused whole and never applied, stored or relayed.
 * The replica costs one more copy of the document; checking costs the size of what
 * the update touched. A refusal rebuilds the replica from the room. Every change to
 * the room after construction must come through `check` or `follow`.
 */
export class UpdateValidator {
  private replica: Y.Doc;
  private problem: DocProblem | null = null;

  constructor(private readonly room: Y.Doc) {
    this.replica = this.copyOfRoom();
  }

  /** The problem the update would cause, or null: then the caller applies it to the room. */
  check(update: Uint8Array): DocProblem | null {
    this.problem = null;
    try {
      Y.applyUpdate(this.replica, update);
    } catch (error) {
      this.rebuild();
      throw error;
    }
    const problem = this.problem;
    if (problem) this.rebuild();
    return problem;
  }

  /**
   * An update the room took without a check (another collab-server checked it, see
   * YjsRelay): the replica takes it too, or a later update that builds on it would be
   * checked against a replica that lacks what it builds on.
   */
  follow(update: Uint8Array): void {
    Y.applyUpdate(this.replica, update);
  }

  destroy(): void {
    this.replica.destroy();
  }

  private rebuild(): void {
    this.replica.destroy();
    this.replica = this.copyOfRoom();
  }

  private copyOfRoom(): Y.Doc {
    const replica = new Y.Doc({ gc: this.room.gc });
    typeRoomRoots(replica);
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(this.room));
    replica.on("afterTransaction", (transaction: Y.Transaction) => {
      this.problem ??= findChangedProblem(replica, transaction);
    });
    return replica;
  }
}
