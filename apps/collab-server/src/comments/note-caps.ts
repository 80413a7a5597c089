import type { PrismaClient } from "@umbra/db";
import type { NoteUsage } from "@umbra/protocol";
import type { NoteLimits } from "../config.js";
import { CommentRefusal } from "./comment-errors.js";
import { roomNoteUsage } from "./room-note-usage.js";

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} kB`);

/** What a room's notes may hold (NoteLimits): each write is checked before it is kept, and refused with a sentence that says which cap. */
export class NoteCaps {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly limits: NoteLimits,
  ) {}

  /** How much of its note caps the room has used, and the caps. */
  async usage(roomId: string): Promise<NoteUsage> {
    const used = await roomNoteUsage(this.prisma, roomId);
    const { threadsPerRoom, bytesPerRoom, drawingPointsPerRoom, commentsPerThread, writesPerMinute } = this.limits;
    return { ...used, limits: { threads: threadsPerRoom, bytes: bytesPerRoom, drawingPoints: drawingPointsPerRoom, commentsPerThread, writesPerMinute } };
  }

  /**
   * Refuses a write that would take the room past one of its caps. Two writes at the
   * same moment may both pass and go past by one: the caps bound a room's size, they
   * are not an exact quota.
   */
  async check(roomId: string, adding: { threads?: number; bytes: number; drawingPoints?: number }): Promise<void> {
    const used = await roomNoteUsage(this.prisma, roomId);
    const { threadsPerRoom, bytesPerRoom, drawingPointsPerRoom } = this.limits;
    if (adding.threads && used.threads + adding.threads > threadsPerRoom) {
      throw new CommentRefusal("PAYLOAD_TOO_LARGE", `this room holds at most ${threadsPerRoom} notes, and it is full: its owner can delete resolved ones to make room`);
    }
    if (used.bytes + adding.bytes > bytesPerRoom) throw new CommentRefusal("PAYLOAD_TOO_LARGE", `this room's notes hold at most ${sizeText(bytesPerRoom)} of text, thumbnails and drawings, and this would go past it`);
    if (adding.drawingPoints && used.drawingPoints + adding.drawingPoints > drawingPointsPerRoom) {
      throw new CommentRefusal("PAYLOAD_TOO_LARGE", `this room's drawings hold at most ${drawingPointsPerRoom} points in all, and this would go past it`);
    }
  }

  /** Refuses one more comment on a note that holds all it may. */
  async checkThread(threadId: string): Promise<void> {
    const comments = await this.prisma.comment.count({ where: { threadId } });
    if (comments >= this.limits.commentsPerThread) throw new CommentRefusal("PAYLOAD_TOO_LARGE", `a note holds at most ${this.limits.commentsPerThread} comments: start a new note to go on`);
  }
}
