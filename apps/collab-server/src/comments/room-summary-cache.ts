import type { RoomSummaryParts } from "./room-thread-summaries.js";

/** About 64 MB of text (JavaScript keeps it as UTF-16): a dozen rooms of 10,000 notes. */
const BUDGET_CHARS = 32_000_000;

interface Kept {
  version: string;
  parts: RoomSummaryParts;
  chars: number;
}

/**
 * Everyone's part of each room's note summaries, kept while the room's notes stay as
 * they were (its roomNotesVersion): a room that many people open is summarised once
 * per change rather than once per visit. Only the reader's own marks are asked for
 * each time. People opening a room at once share one build. The rooms used longest
 * ago make way when the budget is full.
 */
export class RoomSummaryCache {
  private readonly kept = new Map<string, Kept>();
  private readonly building = new Map<string, Promise<RoomSummaryParts>>();
  private chars = 0;

  constructor(private readonly budgetChars = BUDGET_CHARS) {}

  async parts(roomId: string, version: string, build: () => Promise<RoomSummaryParts>): Promise<RoomSummaryParts> {
    const kept = this.kept.get(roomId);
    if (kept?.version === version) {
      // Used now: to the back of the line.
      this.kept.delete(roomId);
      this.kept.set(roomId, kept);
      return kept.parts;
    }
    const key = `${roomId}@${version}`;
    const pending = this.building.get(key);
    if (pending) return pending;
    const built = build().finally(() => this.building.delete(key));
    this.building.set(key, built);
    this.keep(roomId, version, await built);
    return built;
  }

  private keep(roomId: string, version: string, parts: RoomSummaryParts): void {
    this.forget(roomId);
    const chars = parts.parts.reduce((sum, part) => sum + part.length, 0) + parts.ids.length * 36;
    if (chars > this.budgetChars) return;
    this.kept.set(roomId, { version, parts, chars });
    this.chars += chars;
    for (const [oldest] of this.kept) {
      if (this.chars <= this.budgetChars) break;
      this.forget(oldest);
    }
  }

  private forget(roomId: string): void {
    const kept = this.kept.get(roomId);
    if (!kept) return;
    this.kept.delete(roomId);
    this.chars -= kept.chars;
  }
}
